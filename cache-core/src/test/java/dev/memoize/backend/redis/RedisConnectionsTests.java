package dev.memoize.backend.redis;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of the connections a Redis cache creates for itself. None connects: a factory
 * connects on first use.
 */
class RedisConnectionsTests {

	@Test
	void standalone_isStartedWithTheTimeoutAndTheUrlsDatabase() {
		LettuceConnectionFactory factory = RedisConnections.standalone("redis://127.0.0.1:6390/3",
				Duration.ofMillis(1500));
		try {
			assertThat(factory.isRunning()).isTrue();
			assertThat(factory.getTimeout()).isEqualTo(1500);
			assertThat(factory.getDatabase()).isEqualTo(3);
			assertThat(factory.getPort()).isEqualTo(6390);
		}
		finally {
			factory.destroy();
		}
		assertThat(factory.isRunning()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:6379", "localhost:6379", "" })
	void standalone_rejectsWhatIsNotARedisUri(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisConnections.standalone(url, Duration.ofSeconds(1)));
	}

	@Test
	void cluster_acceptsHostsIpAddressesAndBracketedIpv6() {
		LettuceConnectionFactory factory = RedisConnections
			.cluster(List.of("127.0.0.1:7000", "redis-1.example.com:7001", "[::1]:7002"), Duration.ofSeconds(1));
		try {
			assertThat(factory.getClusterConfiguration().getClusterNodes()).hasSize(3);
			assertThat(factory.isRunning()).isTrue();
		}
		finally {
			factory.destroy();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "no-port", "host:", ":7000", "host:port", "", "::1:7000" })
	void cluster_rejectsANodeThatIsNotHostAndPort(String node) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisConnections.cluster(List.of("127.0.0.1:7000", node), Duration.ofSeconds(1)))
			.withMessageContaining("host:port");
	}

	@Test
	void cluster_needsANode() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisConnections.cluster(List.of(), Duration.ofSeconds(1)));
	}

}
