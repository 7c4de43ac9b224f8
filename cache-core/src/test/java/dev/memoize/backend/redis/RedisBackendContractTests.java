package dev.memoize.backend.redis;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.testing.TestServers;

/**
 * Runs the backend contract against a standalone Redis server, the one
 * {@link TestServers#redisUrl()} finds.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RedisBackendContractTests extends RedisBackendContract {

	private static final String PREFIX = uniquePrefix(RedisBackendContractTests.class);

	private static LettuceConnectionFactory connections;

	@BeforeAll
	static void connect() {
		connections = RedisConnections.standalone(TestServers.redisUrl(), TIMEOUT);
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
	protected RedisConnectionFactory connections() {
		return connections;
	}

	@Override
	protected RedisConnectionFactory newConnections() {
		return RedisConnections.standalone(TestServers.redisUrl(), TIMEOUT);
	}

	@Override
	protected String keyPrefix() {
		return PREFIX;
	}

}
