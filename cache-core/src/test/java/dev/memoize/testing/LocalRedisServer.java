package dev.memoize.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A standalone Redis server of a test class's own, on a spare port of 127.0.0.1: for
 * tests that read server-wide figures such as {@code INFO commandstats}, which other test
 * classes using the shared server would disturb. Register it as a static
 * {@code @RegisterExtension} field.
 */
public final class LocalRedisServer implements BeforeAllCallback, AfterAllCallback {

	private final LocalProcesses processes = new LocalProcesses("memoize-redis");

	private RedisProcess server;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = this.processes.start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.processes.close();
		this.server = null;
	}

	/**
	 * The running server.
	 * @return the server
	 * @throws IllegalStateException if it is not running
	 */
	public RedisProcess server() {
		if (this.server == null) {
			throw new IllegalStateException("The Redis server is not running");
		}
		return this.server;
	}

}
