package dev.memoize.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.layered.InvalidationChannel;
import dev.memoize.backend.layered.Layer;
import dev.memoize.backend.layered.LayeredBackend;
import dev.memoize.backend.layered.Promotion;
import dev.memoize.backend.layered.RedisInvalidationChannel;
import dev.memoize.backend.layered.WriteStrategy;
import dev.memoize.backend.redis.RedisBackend;
import dev.memoize.backend.redis.RedisConnections;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code layered} cache type: its layers resolved from other caches, the
 * order caches are created and closed in, write-back flushed on shutdown, the choice of
 * invalidation channel, and the properties that fail start-up.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LayeredBackendConfigurationTests {

	private static final String PREFIX = "memoize-test:LayeredBackendConfigurationTests:" + UUID.randomUUID() + ":";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withUserConfiguration(CountingService.Config.class);

	@TempDir
	Path directory;

	@AfterAll
	static void removeWhatTheTestsWroteToRedis() {
		LettuceConnectionFactory connections = RedisConnections.standalone(TestServers.redisUrl(), TIMEOUT);
		try {
			new RedisBackend(connections, PREFIX, BackendContext.of("cleanup")).clear(EntryFilter.ALL);
		}
		finally {
			connections.destroy();
		}
	}

	private String[] memoryOverSqlite(String... more) {
		List<String> properties = new ArrayList<>(List.of("memoize.default-cache=tiered",
				"memoize.caches.local.type=memory", "memoize.caches.shared.type=jdbc",
				"memoize.caches.shared.jdbc.url=jdbc:sqlite:" + this.directory.resolve("shared.db"),
				"memoize.caches.tiered.type=layered", "memoize.caches.tiered.layered.layers=local,shared"));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	private static String[] memoryOverRedis(String... more) {
		return Stream.concat(Stream.of("memoize.default-cache=tiered", "memoize.caches.local.type=memory",
				"memoize.caches.shared.type=redis", "memoize.caches.shared.redis.url=" + TestServers.redisUrl(),
				"memoize.caches.shared.redis.key-prefix=" + PREFIX, "memoize.caches.tiered.type=layered",
				"memoize.caches.tiered.layered.layers=local,shared"), Stream.of(more))
			.toArray(String[]::new);
	}

	private static MemoCache cache(ApplicationContext context, String name) {
		return context.getBean(MemoCacheManager.class).cache(name);
	}

	private static CacheBackend backend(ApplicationContext context, String name) {
		return ((DefaultMemoCache) cache(context, name)).backend();
	}

	private static LayeredBackend layered(ApplicationContext context) {
		return (LayeredBackend) backend(context, "tiered");
	}

	private static String failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		return StartupFailures.messages(context.getStartupFailure());
	}

	@Test
	void layersAreTheBackendsOfTheNamedCachesWithTheDefaultSettings() {
		this.runner.withPropertyValues(memoryOverSqlite()).run((context) -> {
			LayeredBackend layered = layered(context);
			assertThat(layered.layers()).extracting(Layer::name).containsExactly("local", "shared");
			assertThat(layered.layers()).extracting(Layer::backend)
				.containsExactly(backend(context, "local"), backend(context, "shared"));
			assertThat(layered.options().promotion()).isEqualTo(Promotion.ALWAYS);
			assertThat(layered.options().promotionThreshold()).isEqualTo(2);
			assertThat(layered.options().write()).isEqualTo(WriteStrategy.WRITE_THROUGH);
			assertThat(layered.options().flushInterval()).isEqualTo(Duration.ofSeconds(1));
			assertThat(layered.options().batchSize()).isEqualTo(500);
			assertThat(layered.options().maxPending()).isEqualTo(10_000);
		});
	}

	@Test
	void propertiesSetPromotionAndWrites() {
		this.runner.withPropertyValues(memoryOverSqlite("memoize.caches.tiered.layered.promotion=frequency",
				"memoize.caches.tiered.layered.promotion-threshold=5", "memoize.caches.tiered.layered.write=write-back",
				"memoize.caches.tiered.layered.write-back.flush-interval=250ms",
				"memoize.caches.tiered.layered.write-back.batch-size=50",
				"memoize.caches.tiered.layered.write-back.max-pending=200"))
			.run((context) -> {
				LayeredBackend layered = layered(context);
				assertThat(layered.options().promotion()).isEqualTo(Promotion.FREQUENCY);
				assertThat(layered.options().promotionThreshold()).isEqualTo(5);
				assertThat(layered.options().write()).isEqualTo(WriteStrategy.WRITE_BACK);
				assertThat(layered.options().flushInterval()).isEqualTo(Duration.ofMillis(250));
				assertThat(layered.options().batchSize()).isEqualTo(50);
				assertThat(layered.options().maxPending()).isEqualTo(200);
			});
	}

	@Test
	void memoizedCallsAreServedFromTheLayersAndTheLowestKeepsThemAcrossARestart() {
		String[] properties = memoryOverSqlite();
		this.runner.withPropertyValues(properties).run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.calls()).isEqualTo(1);
			assertThat(cache(context, "local").size()).isEqualTo(1);
			assertThat(cache(context, "shared").size()).isEqualTo(1);
		});
		this.runner.withPropertyValues(properties).run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.calls()).isZero();
			assertThat(cache(context, "local").size()).as("promoted").isEqualTo(1);
		});
	}

	@Test
	void aLayeredCacheIsCreatedAfterItsLayersWhereverItIsConfigured() {
		this.runner
			.withPropertyValues("memoize.default-cache=tiered", "memoize.caches.tiered.type=layered",
					"memoize.caches.tiered.layered.layers=local,middle,shared", "memoize.caches.local.type=memory",
					"memoize.caches.middle.type=layered", "memoize.caches.middle.layered.layers=near,shared",
					"memoize.caches.near.type=memory", "memoize.caches.shared.type=jdbc",
					"memoize.caches.shared.jdbc.url=jdbc:sqlite:" + this.directory.resolve("shared.db"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MemoCacheManager.class).names()).containsExactly("local", "near", "shared",
						"middle", "tiered");
				CountingService service = context.getBean(CountingService.class);
				service.greet("ada");
				assertThat(cache(context, "near").size()).isEqualTo(1);
				assertThat(cache(context, "shared").size()).isEqualTo(1);
			});
	}

	@Test
	void theDefaultCacheCanBeALayerWithoutBeingConfigured() {
		this.runner
			.withPropertyValues("memoize.caches.tiered.type=layered",
					"memoize.caches.tiered.layered.layers=default,shared", "memoize.caches.shared.type=jdbc",
					"memoize.caches.shared.jdbc.url=jdbc:sqlite:" + this.directory.resolve("shared.db"))
			.run((context) -> {
				assertThat(context.getBean(MemoCacheManager.class).names()).containsExactly("default", "shared",
						"tiered");
				assertThat(layered(context).layers()).extracting(Layer::name).containsExactly("default", "shared");
			});
	}

	@Test
	void writeBackQueueIsWrittenToTheLowestLayerWhenTheContextCloses() {
		List<String> names = IntStream.range(0, 200).mapToObj((i) -> "name" + i).toList();
		String[] properties = memoryOverSqlite("memoize.caches.tiered.layered.write=write-back",
				"memoize.caches.tiered.layered.write-back.flush-interval=1h",
				"memoize.caches.tiered.layered.write-back.batch-size=1000",
				"memoize.caches.tiered.layered.write-back.max-pending=1000");
		this.runner.withPropertyValues(properties).run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			names.forEach(service::greet);
			assertThat(service.calls()).isEqualTo(200);
			assertThat(((DefaultMemoCache) cache(context, "shared")).backend().size()).as("nothing flushed yet")
				.isZero();
		});
		this.runner
			.withPropertyValues("memoize.caches.shared.type=jdbc",
					"memoize.caches.shared.jdbc.url=jdbc:sqlite:" + this.directory.resolve("shared.db"))
			.run((context) -> {
				try (Stream<CacheEntry> entries = cache(context, "shared").entries(EntryFilter.ALL)) {
					assertThat(entries.map(CacheEntry::value)).hasSize(200).contains("hello name0", "hello name199");
				}
			});
		this.runner.withPropertyValues(properties).run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			names.forEach(service::greet);
			assertThat(service.calls()).isZero();
		});
	}

	@Test
	void writeBackQueueOverTheApplicationsRedisIsWrittenBeforeItsConnectionsStop() {
		List<String> names = IntStream.range(0, 50).mapToObj((i) -> "name" + i).toList();
		ApplicationContextRunner withApplicationRedis = this.runner
			.withBean(RedisConnectionFactory.class, () -> RedisConnections.standalone(TestServers.redisUrl(), TIMEOUT))
			.withPropertyValues("memoize.default-cache=tiered", "memoize.caches.local.type=memory",
					"memoize.caches.shared.type=redis", "memoize.caches.shared.redis.key-prefix=" + PREFIX + "back:",
					"memoize.caches.tiered.type=layered", "memoize.caches.tiered.layered.layers=local,shared",
					"memoize.caches.tiered.layered.write=write-back",
					"memoize.caches.tiered.layered.write-back.flush-interval=1h",
					"memoize.caches.tiered.layered.write-back.batch-size=1000",
					"memoize.caches.tiered.layered.write-back.max-pending=1000");
		withApplicationRedis.run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			names.forEach(service::greet);
			assertThat(((DefaultMemoCache) cache(context, "shared")).backend().size()).as("nothing flushed yet")
				.isZero();
		});
		withApplicationRedis.run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			names.forEach(service::greet);
			assertThat(service.calls()).isZero();
		});
	}

	@Test
	void withoutRedisOrAnInHeapLayerThereIsNoInvalidation() {
		this.runner.withPropertyValues(memoryOverSqlite())
			.run((context) -> assertThat(layered(context).channel()).isSameAs(InvalidationChannel.NONE));
		this.runner
			.withPropertyValues("memoize.default-cache=tiered", "memoize.caches.first.type=jdbc",
					"memoize.caches.first.jdbc.url=jdbc:sqlite:" + this.directory.resolve("first.db"),
					"memoize.caches.second.type=jdbc",
					"memoize.caches.second.jdbc.url=jdbc:sqlite:" + this.directory.resolve("second.db"),
					"memoize.caches.tiered.type=layered", "memoize.caches.tiered.layered.layers=first,second")
			.withBean(RedisConnectionFactory.class, () -> RedisConnections.standalone(TestServers.redisUrl(), TIMEOUT))
			.run((context) -> assertThat(layered(context).channel()).isSameAs(InvalidationChannel.NONE));
	}

	@Test
	void invalidationGoesThroughTheServerOfTheRedisLayer() {
		this.runner.withPropertyValues(memoryOverRedis()).run((context) -> {
			RedisInvalidationChannel channel = (RedisInvalidationChannel) layered(context).channel();
			assertThat(channel.channel()).isEqualTo("memoize:invalidation");
			assertThat(channel.connectionFactory())
				.isSameAs(((RedisBackend) backend(context, "shared")).connectionFactory());
		});
	}

	@Test
	void invalidationGoesThroughTheApplicationsRedisWhenNoLayerIsRedis() {
		this.runner.withPropertyValues(memoryOverSqlite("memoize.caches.tiered.layered.invalidation.channel=app:inv"))
			.withBean(RedisConnectionFactory.class, () -> RedisConnections.standalone(TestServers.redisUrl(), TIMEOUT))
			.run((context) -> {
				RedisInvalidationChannel channel = (RedisInvalidationChannel) layered(context).channel();
				assertThat(channel.channel()).isEqualTo("app:inv");
				assertThat(channel.connectionFactory()).isSameAs(context.getBean(RedisConnectionFactory.class));
			});
	}

	@Test
	void invalidationRedisUrlGetsConnectionsOfItsOwnClosedWithTheContext() {
		AtomicReference<LettuceConnectionFactory> own = new AtomicReference<>();
		this.runner
			.withPropertyValues(
					memoryOverRedis("memoize.caches.tiered.layered.invalidation.redis-url=" + TestServers.redisUrl()))
			.run((context) -> {
				RedisInvalidationChannel channel = (RedisInvalidationChannel) layered(context).channel();
				own.set((LettuceConnectionFactory) channel.connectionFactory());
				assertThat(own.get()).isNotSameAs(((RedisBackend) backend(context, "shared")).connectionFactory());
				assertThat(own.get().isRunning()).isTrue();
			});
		assertThat(own.get().isRunning()).isFalse();
	}

	@Test
	void anInvalidationRedisThatIsDownDoesNotFailStartupOrCalls() {
		this.runner
			.withPropertyValues(
					memoryOverSqlite("memoize.caches.tiered.layered.invalidation.redis-url=redis://127.0.0.1:1"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(layered(context).channel()).isInstanceOf(RedisInvalidationChannel.class);
				CountingService service = context.getBean(CountingService.class);
				assertThat(service.greet("ada")).isEqualTo("hello ada");
				assertThat(service.greet("ada")).isEqualTo("hello ada");
				assertThat(service.calls()).isEqualTo(1);
				assertThat(cache(context, "tiered").stats().errors()).isZero();
			});
	}

	@Test
	void invalidationCanBeSwitchedOff() {
		this.runner.withPropertyValues(memoryOverRedis("memoize.caches.tiered.layered.invalidation.enabled=false"))
			.run((context) -> assertThat(layered(context).channel()).isSameAs(InvalidationChannel.NONE));
	}

	@Test
	void invalidationRequiredWithoutARedisFailsStartupNamingTheUrlProperty() {
		this.runner.withPropertyValues(memoryOverSqlite("memoize.caches.tiered.layered.invalidation.enabled=true"))
			.run((context) -> assertThat(failure(context))
				.contains("memoize.caches.tiered.layered.invalidation.redis-url")
				.contains("no Redis to publish on"));
	}

	@Test
	void withoutSpringDataRedisALayeredCacheWorksWithoutInvalidationUnlessItIsRequired() {
		ApplicationContextRunner withoutRedis = this.runner
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis", "io.lettuce"));
		withoutRedis.withPropertyValues(memoryOverSqlite()).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(InvalidationChannels.class);
			assertThat(layered(context).channel()).isSameAs(InvalidationChannel.NONE);
			assertThat(context.getBean(CountingService.class).greet("ada")).isEqualTo("hello ada");
		});
		withoutRedis.withPropertyValues(memoryOverSqlite("memoize.caches.tiered.layered.invalidation.enabled=true"))
			.run((context) -> assertThat(failure(context))
				.contains("memoize.caches.tiered.layered.invalidation.enabled")
				.contains("spring-data-redis"));
	}

	@Test
	void unknownLayerFailsStartupNamingTheLayersProperty() {
		this.runner
			.withPropertyValues("memoize.caches.local.type=memory", "memoize.caches.tiered.type=layered",
					"memoize.caches.tiered.layered.layers=local,nowhere")
			.run((context) -> assertThat(failure(context)).contains("memoize.caches.tiered.layered.layers")
				.contains("'nowhere' is not a cache"));
	}

	@Test
	void aCacheLayeredOverItselfFailsStartup() {
		this.runner
			.withPropertyValues("memoize.caches.local.type=memory", "memoize.caches.tiered.type=layered",
					"memoize.caches.tiered.layered.layers=local,tiered")
			.run((context) -> assertThat(failure(context)).contains("memoize.caches.tiered.layered.layers")
				.contains("a cache cannot be a layer of itself"));
	}

	@Test
	void layersThatFormACycleFailStartupNamingTheCycle() {
		this.runner
			.withPropertyValues("memoize.caches.local.type=memory", "memoize.caches.first.type=layered",
					"memoize.caches.first.layered.layers=local,second", "memoize.caches.second.type=layered",
					"memoize.caches.second.layered.layers=local,first")
			.run((context) -> assertThat(failure(context)).contains("memoize.caches.second.layered.layers")
				.contains("the layers form a cycle: first -> second -> first"));
	}

	@Test
	void fewerThanTwoLayersFailStartup() {
		this.runner
			.withPropertyValues("memoize.caches.local.type=memory", "memoize.caches.tiered.type=layered",
					"memoize.caches.tiered.layered.layers=local")
			.run((context) -> assertThat(failure(context)).contains("memoize.caches.tiered.layered.layers")
				.contains("needs at least 2 layers"));
		this.runner.withPropertyValues("memoize.caches.tiered.type=layered")
			.run((context) -> assertThat(failure(context)).contains("memoize.caches.tiered.layered.layers")
				.contains("it has 0"));
	}

	@Test
	void aLayerListedTwiceFailsStartup() {
		this.runner.withPropertyValues(memoryOverSqlite("memoize.caches.tiered.layered.layers=local,local,shared"))
			.run((context) -> assertThat(failure(context)).contains("memoize.caches.tiered.layered.layers")
				.contains("'local' is listed twice"));
	}

	@Test
	void anInHeapLayerBelowAPersistentOneFailsStartup() {
		this.runner.withPropertyValues(memoryOverSqlite("memoize.caches.tiered.layered.layers=shared,local"))
			.run((context) -> assertThat(failure(context)).contains("memoize.caches.tiered.layered.layers")
				.contains("in-heap layer 'local' comes after layer 'shared'"));
	}

	@Test
	void promotionThresholdBelowOneFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues(memoryOverSqlite("memoize.caches.tiered.layered.promotion-threshold=0"))
			.run((context) -> assertThat(failure(context)).contains("memoize.caches.tiered.layered.promotion-threshold")
				.contains("must be at least 1"));
	}

	@Test
	void unknownPromotionFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues(memoryOverSqlite("memoize.caches.tiered.layered.promotion=sometimes"))
			.run((context) -> assertThat(failure(context)).contains("memoize.caches.tiered.layered.promotion"));
	}

	@Test
	void badWriteBackSettingsFailStartupNamingTheProperty() {
		this.runner.withPropertyValues(memoryOverSqlite("memoize.caches.tiered.layered.write-back.flush-interval=0s"))
			.run((context) -> assertThat(failure(context))
				.contains("memoize.caches.tiered.layered.write-back.flush-interval"));
		this.runner.withPropertyValues(memoryOverSqlite("memoize.caches.tiered.layered.write-back.batch-size=0"))
			.run((context) -> assertThat(failure(context))
				.contains("memoize.caches.tiered.layered.write-back.batch-size"));
		this.runner
			.withPropertyValues(memoryOverSqlite("memoize.caches.tiered.layered.write-back.batch-size=100",
					"memoize.caches.tiered.layered.write-back.max-pending=10"))
			.run((context) -> assertThat(failure(context))
				.contains("memoize.caches.tiered.layered.write-back.max-pending"));
	}

	@Test
	void emptyInvalidationChannelFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues(memoryOverRedis("memoize.caches.tiered.layered.invalidation.channel="))
			.run((context) -> assertThat(failure(context))
				.contains("memoize.caches.tiered.layered.invalidation.channel"));
	}

}
