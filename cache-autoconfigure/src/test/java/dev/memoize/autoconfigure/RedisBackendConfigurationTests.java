package dev.memoize.autoconfigure;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.memoize.EntryFilter;
import dev.memoize.MemoCacheManager;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.redis.RedisBackend;
import dev.memoize.backend.redis.RedisConnections;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code redis} cache type and its {@code memoize.caches.<name>.redis.*}
 * properties, against the Redis server {@link TestServers#redisUrl()} finds.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RedisBackendConfigurationTests {

	private static final String PREFIX = "memoize-test:RedisBackendConfigurationTests:" + UUID.randomUUID() + ":";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withUserConfiguration(CountingService.Config.class)
		.withPropertyValues("memoize.default-cache=shared", "memoize.caches.shared.type=redis");

	@AfterEach
	void removeWhatTheTestWrote() {
		LettuceConnectionFactory connections = RedisConnections.standalone(TestServers.redisUrl(), TIMEOUT);
		try {
			new RedisBackend(connections, PREFIX, BackendContext.of("cleanup")).clear(EntryFilter.ALL);
		}
		finally {
			connections.destroy();
		}
	}

	private static RedisBackend backend(ApplicationContext context) {
		return (RedisBackend) ((DefaultMemoCache) context.getBean(MemoCacheManager.class).cache("shared")).backend();
	}

	@Test
	void entriesWrittenThroughTheCachesOwnConnectionsAreReadBackAfterARestart() {
		String[] properties = { "memoize.caches.shared.redis.url=" + TestServers.redisUrl(),
				"memoize.caches.shared.redis.key-prefix=" + PREFIX + "own:" };
		this.runner.withPropertyValues(properties).run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.calls()).isEqualTo(1);
		});
		this.runner.withPropertyValues(properties).run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.calls()).isZero();
			assertThat(context.getBean(MemoCacheManager.class).cache("shared").size()).isEqualTo(1);
		});
	}

	@Test
	void cacheWithoutUrlUsesTheApplicationsConnectionFactoryAndIsReadBackAfterARestart() {
		ApplicationContextRunner withApplicationConnections = this.runner
			.withBean(RedisConnectionFactory.class, () -> RedisConnections.standalone(TestServers.redisUrl(), TIMEOUT))
			.withPropertyValues("memoize.caches.shared.redis.key-prefix=" + PREFIX + "application:");
		withApplicationConnections.run((context) -> {
			assertThat(backend(context).connectionFactory()).isSameAs(context.getBean(RedisConnectionFactory.class));
			assertThat(context.getBean(CountingService.class).greet("grace")).isEqualTo("hello grace");
		});
		withApplicationConnections.run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			assertThat(service.greet("grace")).isEqualTo("hello grace");
			assertThat(service.calls()).isZero();
		});
	}

	@Test
	void ownConnectionsAreDestroyedWithTheContextAndUseTheTimeout() {
		AtomicReference<LettuceConnectionFactory> own = new AtomicReference<>();
		this.runner
			.withPropertyValues("memoize.caches.shared.redis.url=" + TestServers.redisUrl(),
					"memoize.caches.shared.redis.timeout=1500ms")
			.run((context) -> {
				own.set((LettuceConnectionFactory) backend(context).connectionFactory());
				assertThat(own.get().isRunning()).isTrue();
				assertThat(own.get().getTimeout()).isEqualTo(1500);
			});
		assertThat(own.get().isRunning()).isFalse();
	}

	@Test
	void keyPrefixDefaultsToMemoizeAndTheCacheName() {
		this.runner.withPropertyValues("memoize.caches.shared.redis.url=" + TestServers.redisUrl())
			.run((context) -> assertThat(backend(context).keyPrefix()).isEqualTo("memoize:shared:"));
	}

	@Test
	void noUrlAndNoApplicationConnectionFactoryFailsStartupNamingTheUrlProperty() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure()))
				.contains("memoize.caches.shared.redis.url")
				.contains("RedisConnectionFactory");
		});
	}

	@Test
	void urlThatIsNotARedisUriFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.caches.shared.redis.url=http://localhost:6379").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure()))
				.contains("memoize.caches.shared.redis.url")
				.contains("http://localhost:6379");
		});
	}

	@Test
	void clusterNodeThatIsNotHostAndPortFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.caches.shared.redis.cluster-nodes=127.0.0.1:7000,no-port")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.shared.redis.cluster-nodes");
			});
	}

	@Test
	void urlAndClusterNodesTogetherFailStartup() {
		this.runner
			.withPropertyValues("memoize.caches.shared.redis.url=" + TestServers.redisUrl(),
					"memoize.caches.shared.redis.cluster-nodes=127.0.0.1:7000")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.shared.redis.cluster-nodes")
					.contains("not both");
			});
	}

	@Test
	void emptyKeyPrefixFailsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("memoize.caches.shared.redis.url=" + TestServers.redisUrl(),
					"memoize.caches.shared.redis.key-prefix=")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.shared.redis.key-prefix")
					.contains("must not be empty");
			});
	}

	@Test
	void nonPositiveTimeoutFailsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("memoize.caches.shared.redis.url=" + TestServers.redisUrl(),
					"memoize.caches.shared.redis.timeout=0s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.shared.redis.timeout");
			});
	}

	@Test
	void serverThatIsDownDoesNotFailStartupAndTheMethodStillRuns() {
		this.runner.withPropertyValues("memoize.caches.shared.redis.url=redis://127.0.0.1:1").run((context) -> {
			assertThat(context).hasNotFailed();
			CountingService service = context.getBean(CountingService.class);
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.calls()).isEqualTo(2);
			assertThat(context.getBean(MemoCacheManager.class).cache("shared").stats().errors()).isPositive();
		});
	}

	@Test
	void withoutSpringDataRedisOnTheClassPathTheRedisTypeIsAbsentAndNothingElseBreaks() {
		ApplicationContextRunner withoutRedis = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
			.withUserConfiguration(CountingService.Config.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis", "io.lettuce"));
		withoutRedis.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RedisBackendFactory.class);
			assertThat(context.getBean(CountingService.class).greet("ada")).isEqualTo("hello ada");
		});
		withoutRedis.withPropertyValues("memoize.caches.shared.type=redis").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains("memoize.caches.shared.type")
				.contains("no backend of this type")
				.contains("the redis backend needs org.springframework.data:spring-data-redis");
		});
	}

}
