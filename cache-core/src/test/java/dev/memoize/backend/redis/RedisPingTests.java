package dev.memoize.backend.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests of {@link RedisBackend#ping()}: against the Redis server
 * {@link TestServers#redisUrl()} finds, and a port nothing listens on.
 */
class RedisPingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	@Test
	void ping_serverAnswers() {
		LettuceConnectionFactory connections = RedisConnections.standalone(TestServers.redisUrl(), TIMEOUT);
		try (RedisBackend backend = RedisBackend.owning(connections, "memoize-test:RedisPingTests:",
				BackendContext.of("pinged"))) {
			assertThatNoException().isThrownBy(backend::ping);
		}
	}

	@Test
	void ping_nothingListensOnThePort_throwsNamingTheCache() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		LettuceConnectionFactory connections = RedisConnections.standalone("redis://127.0.0.1:" + port, TIMEOUT);
		try (RedisBackend backend = RedisBackend.owning(connections, "memoize-test:RedisPingTests:",
				BackendContext.of("unreachable"))) {
			assertThatExceptionOfType(BackendException.class).isThrownBy(backend::ping)
				.withMessageContaining("'unreachable'")
				.withMessageContaining("ping");
		}
	}

}
