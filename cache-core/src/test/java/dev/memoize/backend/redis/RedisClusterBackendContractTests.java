package dev.memoize.backend.redis;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;
import dev.memoize.testing.LocalRedisCluster;
import dev.memoize.testing.RedisProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the backend contract against a Redis Cluster of three masters that the class
 * starts on spare local ports, and checks that entries really spread over the masters.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RedisClusterBackendContractTests extends RedisBackendContract {

	@RegisterExtension
	static final LocalRedisCluster cluster = new LocalRedisCluster();

	private static final String PREFIX = uniquePrefix(RedisClusterBackendContractTests.class);

	private static LettuceConnectionFactory connections;

	@BeforeAll
	static void connect() {
		connections = RedisConnections.cluster(cluster.nodes(), TIMEOUT);
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Override
	protected RedisConnectionFactory connections() {
		return connections;
	}

	@Override
	protected RedisConnectionFactory newConnections() {
		return RedisConnections.cluster(List.of(cluster.nodes().get(0)), TIMEOUT);
	}

	@Override
	protected String keyPrefix() {
		return PREFIX;
	}

	@Test
	void entriesSpreadOverEveryMasterAndScanSizeAndClearReachThemAll() {
		List<CacheEntry> entries = IntStream.range(0, 300).mapToObj((i) -> entry("spread" + i, "f", "v" + i)).toList();
		this.backend.putAll(entries);
		for (RedisProcess node : cluster.processes()) {
			assertThat(Long.parseLong(node.cli("dbsize").trim())).as("keys on %s", node.address()).isPositive();
		}
		assertThat(this.backend.size()).isEqualTo(300);
		assertThat(this.backend.scan(EntryFilter.ALL, null, 1000).entries()).hasSize(300);
		assertThat(this.backend.clear(EntryFilter.ALL)).isEqualTo(300);
		for (RedisProcess node : cluster.processes()) {
			assertThat(node.cli("dbsize").trim()).as("keys on %s", node.address()).isEqualTo("0");
		}
	}

	@Test
	void getAll_readsKeysOfManySlotsAtOnce() {
		List<CacheEntry> entries = IntStream.range(0, 100).mapToObj((i) -> entry("slot" + i, "f", "v" + i)).toList();
		this.backend.putAll(entries);
		List<MemoKey> keys = entries.stream().map((entry) -> key(entry.key())).toList();
		assertThat(this.backend.getAll(keys).values()).hasSize(100).allMatch(Lookup.Hit.class::isInstance);
	}

}
