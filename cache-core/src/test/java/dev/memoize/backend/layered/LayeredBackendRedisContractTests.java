package dev.memoize.backend.layered;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.CacheBackendContract;
import dev.memoize.backend.memory.CaffeineBackend;
import dev.memoize.backend.redis.RedisBackend;
import dev.memoize.backend.redis.RedisConnections;
import dev.memoize.testing.TestServers;

/**
 * Runs the backend contract against a layered backend of a memory layer over Redis,
 * written through, on the server {@link TestServers#redisUrl()} finds, under a key prefix
 * of this class's own. A reopened backend is a new memory layer over the same Redis keys.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LayeredBackendRedisContractTests extends CacheBackendContract {

	private static final String PREFIX = "memoize-test:LayeredBackendRedisContractTests:" + UUID.randomUUID() + ":";

	private static LettuceConnectionFactory connections;

	private final List<CacheBackend> reopened = new ArrayList<>();

	@BeforeAll
	static void connect() {
		connections = RedisConnections.standalone(TestServers.redisUrl(), Duration.ofSeconds(10));
	}

	@AfterAll
	static void removeEntriesAndDisconnect() {
		try {
			new RedisBackend(connections, PREFIX, BackendContext.of("cleanup")).clear(EntryFilter.ALL);
		}
		finally {
			connections.destroy();
		}
	}

	@Override
	protected CacheBackend createBackend(BackendContext context) {
		CacheBackend created = stack(context);
		created.clear(EntryFilter.ALL);
		return created;
	}

	@Override
	protected CacheBackend reopen() {
		CacheBackend other = stack(context());
		this.reopened.add(other);
		return other;
	}

	@AfterEach
	void closeReopened() {
		this.reopened.forEach(CacheBackend::close);
	}

	private static LayeredStack stack(BackendContext context) {
		CacheBackend memory = new CaffeineBackend(100_000,
				new BackendContext(context.cacheName() + "-memory", context.clock(), (key) -> {
				}));
		CacheBackend redis = new RedisBackend(connections, PREFIX,
				new BackendContext(context.cacheName() + "-redis", context.clock(), (key) -> {
				}));
		return new LayeredStack(LayeredBackend.create(List.of(new Layer("memory", memory), new Layer("redis", redis)),
				LayeredOptions.defaults(), InvalidationChannel.NONE, context));
	}

}
