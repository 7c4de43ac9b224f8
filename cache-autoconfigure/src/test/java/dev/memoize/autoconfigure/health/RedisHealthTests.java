package dev.memoize.autoconfigure.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.testing.Eventually;
import dev.memoize.testing.RedisProcess;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the health of {@code redis} caches: against the Redis server
 * {@link TestServers#redisUrl()} finds, a port nothing listens on, and a
 * {@code redis-server} of the test's own that it stops and starts again.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RedisHealthTests {

	private static final Duration RECOVERY = Duration.ofSeconds(60);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class, MemoizeHealthAutoConfiguration.class))
		.withPropertyValues("memoize.caches.shared.type=redis", "memoize.caches.shared.redis.timeout=2s",
				"memoize.caches.local.type=memory");

	@TempDir
	Path directory;

	static Health health(ApplicationContext context, String cache) {
		CompositeHealthContributor memoize = context.getBean("memoizeHealthContributor",
				CompositeHealthContributor.class);
		return ((HealthIndicator) memoize.getContributor(cache)).health();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Test
	void redisCacheIsUpWhenItsServerAnswers() {
		this.runner.withPropertyValues("memoize.caches.shared.redis.url=" + TestServers.redisUrl()).run((context) -> {
			Health health = health(context, "shared");
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("cache", "shared").containsEntry("type", "redis");
		});
	}

	@Test
	void onlyTheRedisCacheHasAnIndicator() {
		this.runner.withPropertyValues("memoize.caches.shared.redis.url=" + TestServers.redisUrl())
			.run((context) -> assertThat(
					context.getBean("memoizeHealthContributor", CompositeHealthContributor.class).stream())
				.map(HealthContributors.Entry::name)
				.containsExactly("shared"));
	}

	@Test
	void redisCacheIsDownWhenNothingListensOnItsPort() throws IOException {
		int port = closedPort();
		this.runner.withPropertyValues("memoize.caches.shared.redis.url=redis://127.0.0.1:" + port).run((context) -> {
			Health health = health(context, "shared");
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("cache", "shared")
				.containsEntry("type", "redis")
				.containsKey("error");
		});
	}

	@Test
	void redisCacheGoesDownWhenItsServerStopsAndUpWhenItIsBack() {
		RedisProcess server = RedisProcess.start(this.directory);
		RedisProcess[] restarted = new RedisProcess[1];
		try {
			this.runner.withPropertyValues("memoize.caches.shared.redis.url=" + server.url()).run((context) -> {
				assertThat(health(context, "shared").getStatus()).isEqualTo(Status.UP);
				server.close();
				Eventually.until(RECOVERY, "the cache is DOWN",
						() -> health(context, "shared").getStatus().equals(Status.DOWN));
				restarted[0] = server.startAgain();
				Eventually.until(RECOVERY, "the cache is UP again",
						() -> health(context, "shared").getStatus().equals(Status.UP));
			});
		}
		finally {
			server.close();
			if (restarted[0] != null) {
				restarted[0].close();
			}
		}
	}

}
