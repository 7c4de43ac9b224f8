package dev.memoize.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Redis Cluster of three masters, no replicas, that a test class starts before its
 * tests and stops after them: three {@code redis-server --cluster-enabled yes} processes
 * on spare ports of 127.0.0.1, joined with {@code redis-cli --cluster create}, ready once
 * every node reports {@code cluster_state:ok}. Register it as a static
 * {@code @RegisterExtension} field.
 */
public final class LocalRedisCluster implements BeforeAllCallback, AfterAllCallback {

	private static final int MASTERS = 3;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

	private final LocalProcesses processes = new LocalProcesses("memoize-redis-cluster");

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/**
	 * Starts the cluster and waits until it serves every slot.
	 * @throws IllegalStateException if it cannot be started
	 */
	public void start() {
		try {
			for (int i = 0; i < MASTERS; i++) {
				this.processes.start("--cluster-enabled", "yes", "--cluster-config-file",
						this.processes.directory().resolve("nodes-{port}.conf").toString(), "--cluster-node-timeout",
						"5000");
			}
			List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
			create.addAll(nodes());
			create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
			String created = RedisProcess.run(create);
			if (!created.contains("All 16384 slots covered")) {
				throw new IllegalStateException("redis-cli --cluster create failed: " + created);
			}
			awaitReady();
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
	}

	private void awaitReady() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (!ready()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The Redis Cluster at " + nodes() + " did not become ready");
			}
			RedisProcess.pause();
		}
	}

	private boolean ready() {
		for (RedisProcess node : this.processes.all()) {
			if (!node.cli("cluster", "info").contains("cluster_state:ok")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Stops every node and deletes their files.
	 */
	public void stop() {
		this.processes.close();
	}

	/**
	 * The nodes, as {@code 127.0.0.1:port}.
	 * @return the node addresses
	 */
	public List<String> nodes() {
		return this.processes.all().stream().map(RedisProcess::address).toList();
	}

	/**
	 * The node processes.
	 * @return the nodes
	 */
	public List<RedisProcess> processes() {
		return this.processes.all();
	}

}
