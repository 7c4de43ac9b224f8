package dev.memoize.backend.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.CacheBackendContract;

/**
 * The backend contract run against a {@link RedisBackend} under a key prefix of the test
 * class's own, so that it collides with no other test class on the same server. A
 * reopened backend has its own connections, as another application instance would.
 */
abstract class RedisBackendContract extends CacheBackendContract {

	/** Timeout of every Redis command the tests send. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<CacheBackend> reopened = new ArrayList<>();

	/**
	 * A key prefix no other test class or run uses.
	 * @param testClass the test class
	 * @return the prefix
	 */
	static String uniquePrefix(Class<?> testClass) {
		return "memoize-test:" + testClass.getSimpleName() + ":" + UUID.randomUUID() + ":";
	}

	/**
	 * The connections the backends under test share.
	 * @return the connection factory
	 */
	protected abstract RedisConnectionFactory connections();

	/**
	 * New connections to the same server, owned by the caller.
	 * @return a started connection factory
	 */
	protected abstract RedisConnectionFactory newConnections();

	/**
	 * The key prefix of the backends under test.
	 * @return the prefix
	 */
	protected abstract String keyPrefix();

	@Override
	protected CacheBackend createBackend(BackendContext context) {
		RedisBackend created = new RedisBackend(connections(), keyPrefix(), context);
		created.clear(EntryFilter.ALL);
		return created;
	}

	@Override
	protected CacheBackend reopen() {
		RedisBackend other = RedisBackend.owning(newConnections(), keyPrefix(), context());
		this.reopened.add(other);
		return other;
	}

	@AfterEach
	void closeReopened() {
		this.reopened.forEach(CacheBackend::close);
	}

}
