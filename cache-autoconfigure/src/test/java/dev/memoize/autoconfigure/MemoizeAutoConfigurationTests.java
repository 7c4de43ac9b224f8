package dev.memoize.autoconfigure;

import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCacheManager;
import dev.memoize.Memoize;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.memory.CaffeineBackend;
import dev.memoize.backend.noop.NoopBackend;
import dev.memoize.codec.DefaultValueCodec;
import dev.memoize.codec.EncodedValue;
import dev.memoize.codec.JavaSerializationCodec;
import dev.memoize.codec.JsonValueCodec;
import dev.memoize.codec.ValueCodec;
import dev.memoize.interceptor.MemoizeAdvisor;
import dev.memoize.key.KeyGenerator;
import dev.memoize.key.MemoKey;
import dev.memoize.key.Sha256KeyGenerator;
import dev.memoize.support.CacheSettings;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.support.DefaultMemoCacheManager;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import dev.memoize.support.TestClock;

/**
 * Tests of {@link MemoizeAutoConfiguration}: defaults, the default cache, the clock and
 * the beans an application may replace.
 */
class MemoizeAutoConfigurationTests {

	private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class));

	@Test
	void withoutConfigurationTheOnlyCacheIsAnInMemoryCacheNamedDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			MemoCacheManager manager = context.getBean(MemoCacheManager.class);
			assertThat(manager.names()).containsExactly("default");
			assertThat(((DefaultMemoCache) manager.cache("default")).backend()).isInstanceOf(CaffeineBackend.class);
			assertThat(context).hasSingleBean(MemoizeAdvisor.class);
		});
	}

	@Test
	void memoizeBeanIsProxiedAndMemoizedWithoutConfiguration() {
		this.runner.withUserConfiguration(CountingService.Config.class).run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			assertThat(AopUtils.isAopProxy(service)).isTrue();
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.calls()).isEqualTo(1);
			assertThat(context.getBean(MemoCacheManager.class).cache("default").size()).isEqualTo(1);
		});
	}

	@Test
	void defaultCachePropertyChangesTheCacheMemoizeMethodsUse() {
		this.runner.withUserConfiguration(CountingService.Config.class)
			.withPropertyValues("memoize.default-cache=other")
			.run((context) -> {
				MemoCacheManager manager = context.getBean(MemoCacheManager.class);
				assertThat(manager.names()).containsExactly("other");
				CountingService service = context.getBean(CountingService.class);
				service.greet("ada");
				service.greet("ada");
				assertThat(service.calls()).isEqualTo(1);
				assertThat(manager.cache("other").entries(EntryFilter.ALL).map(CacheEntry::output))
					.containsExactly("hello ada");
			});
	}

	@Test
	void defaultCacheConfiguredUnderCachesKeepsItsType() {
		this.runner.withUserConfiguration(CountingService.Config.class)
			.withPropertyValues("memoize.default-cache=main", "memoize.caches.main.type=noop")
			.run((context) -> {
				MemoCacheManager manager = context.getBean(MemoCacheManager.class);
				assertThat(manager.names()).containsExactly("main");
				assertThat(((DefaultMemoCache) manager.cache("main")).backend()).isInstanceOf(NoopBackend.class);
				CountingService service = context.getBean(CountingService.class);
				service.greet("ada");
				service.greet("ada");
				assertThat(service.calls()).isEqualTo(2);
			});
	}

	@Test
	void configuredCachesAndTheDefaultCacheAreAllCreated() {
		this.runner.withPropertyValues("memoize.caches.llm.type=memory", "memoize.caches.off.type=noop")
			.run((context) -> assertThat(context.getBean(MemoCacheManager.class).names())
				.containsExactlyInAnyOrder("llm", "off", "default"));
	}

	@Test
	void blankDefaultCacheFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.default-cache=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains("memoize.default-cache")
				.contains("must name a cache");
		});
	}

	@Test
	void negativeCacheTtlFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.caches.x.ttl=-5s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains("memoize.caches.x.ttl")
				.contains("must be positive");
		});
	}

	@Test
	void zeroCacheTtlFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.caches.x.ttl=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains("memoize.caches.x.ttl")
				.contains("must be positive");
		});
	}

	@Test
	void cacheTtlExpiresEntriesByTheReplacedMemoizeClock() {
		TestClock clock = new TestClock(START);
		this.runner.withUserConfiguration(CountingService.Config.class)
			.withBean(MemoizeAutoConfiguration.CLOCK_BEAN, Clock.class, () -> clock)
			.withPropertyValues("memoize.caches.default.ttl=10m")
			.run((context) -> {
				assertThat(context.getBean(MemoizeAutoConfiguration.CLOCK_BEAN)).isSameAs(clock);
				CountingService service = context.getBean(CountingService.class);
				service.greet("ada");
				assertThat(context.getBean(MemoCacheManager.class).cache("default").entries(EntryFilter.ALL))
					.singleElement()
					.satisfies((entry) -> assertThat(entry.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(10))));
				clock.advance(Duration.ofMinutes(9));
				service.greet("ada");
				assertThat(service.calls()).isEqualTo(1);
				clock.advance(Duration.ofMinutes(1));
				service.greet("ada");
				assertThat(service.calls()).isEqualTo(2);
			});
	}

	@Test
	void defaultKeyGeneratorFollowsTheDocumentedKeyFormat() {
		this.runner.run((context) -> {
			KeyGenerator keys = context.getBean(KeyGenerator.class);
			MemoKey expected = new Sha256KeyGenerator(JsonMapper.builder().build(), "1", Map.of()).generate("f",
					Map.of("a", 1));
			assertThat(keys.generate("f", Map.of("a", 1)).key()).isEqualTo(expected.key()).hasSize(64);
		});
	}

	@Test
	void applicationClockBeanIsNotTheMemoizeClock() {
		TestClock applicationClock = new TestClock(START);
		this.runner.withBean("applicationClock", Clock.class, () -> applicationClock).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(MemoizeAutoConfiguration.CLOCK_BEAN)).isNotSameAs(applicationClock);
		});
	}

	@Test
	void memoizeWorksAlongsideAopAutoConfiguration() {
		this.runner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withUserConfiguration(CountingService.Config.class)
			.run((context) -> {
				CountingService service = context.getBean(CountingService.class);
				service.greet("ada");
				service.greet("ada");
				assertThat(service.calls()).isEqualTo(1);
			});
	}

	@Test
	void memoizeWorksWhenAopPrefersInterfaceProxies() {
		this.runner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
			.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean(Greeter.class, GreeterImpl::new)
			.run((context) -> {
				Greeter greeter = context.getBean(Greeter.class);
				greeter.greet("ada");
				greeter.greet("ada");
				assertThat(greeter.calls()).isEqualTo(1);
			});
	}

	@Test
	void userKeyGeneratorReplacesTheDefault() {
		KeyGenerator fixed = (func, inputs) -> new MemoKey("fixed", func, inputs);
		this.runner.withUserConfiguration(CountingService.Config.class)
			.withBean(KeyGenerator.class, () -> fixed)
			.run((context) -> {
				assertThat(context).getBean(KeyGenerator.class).isSameAs(fixed);
				assertThat(context.getBean(MemoCacheManager.class).cache("default").key("f", Map.of()).key())
					.isEqualTo("fixed");
				CountingService service = context.getBean(CountingService.class);
				assertThat(service.greet("ada")).isEqualTo("hello ada");
				assertThat(service.greet("bob")).isEqualTo("hello ada");
				assertThat(service.calls()).isEqualTo(1);
			});
	}

	@Test
	void userValueCodecReplacesTheDefault(@TempDir Path directory) {
		CountingCodec codec = new CountingCodec();
		this.runner.withUserConfiguration(CountingService.Config.class)
			.withBean(ValueCodec.class, () -> codec)
			.withPropertyValues("memoize.caches.default.type=file",
					"memoize.caches.default.file.directory=" + directory)
			.run((context) -> {
				assertThat(context).getBean(ValueCodec.class).isSameAs(codec);
				CountingService service = context.getBean(CountingService.class);
				service.greet("ada");
				assertThat(codec.encodings).hasValue(1);
				assertThat(service.greet("ada")).isEqualTo("hello ada");
				assertThat(codec.decodings).hasValue(1);
			});
	}

	@Test
	void userMemoryBackendFactoryReplacesTheDefault() {
		CountingMemoryBackendFactory factory = new CountingMemoryBackendFactory();
		this.runner.withBean(CountingMemoryBackendFactory.class, () -> factory)
			.withPropertyValues("memoize.caches.llm.type=memory")
			.run((context) -> {
				assertThat(context).hasSingleBean(MemoryBackendFactory.class);
				assertThat(context).getBean(MemoryBackendFactory.class).isSameAs(factory);
				assertThat(factory.created).hasValue(2);
			});
	}

	@Test
	void userCacheManagerReplacesTheDefault() {
		JsonMapper mapper = JsonMapper.builder().build();
		CacheSettings settings = new CacheSettings("default", new Sha256KeyGenerator(mapper, "1", Map.of()),
				new DefaultValueCodec(new JsonValueCodec(mapper), new JavaSerializationCodec(List.of())),
				Clock.systemUTC(), null, List.of(), true);
		DefaultMemoCacheManager manager = new DefaultMemoCacheManager(
				List.of(DefaultMemoCache.create(settings, (backendContext) -> new NoopBackend())));
		this.runner.withUserConfiguration(CountingService.Config.class)
			.withBean(MemoCacheManager.class, () -> manager)
			.run((context) -> {
				assertThat(context).getBean(MemoCacheManager.class).isSameAs(manager);
				CountingService service = context.getBean(CountingService.class);
				service.greet("ada");
				service.greet("ada");
				assertThat(service.calls()).isEqualTo(2);
			});
	}

	public interface Greeter {

		String greet(String name);

		int calls();

	}

	public static class GreeterImpl implements Greeter {

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		@Memoize
		public String greet(String name) {
			this.calls.incrementAndGet();
			return "hi " + name;
		}

		@Override
		public int calls() {
			return this.calls.get();
		}

	}

	static class CountingCodec implements ValueCodec {

		final AtomicInteger encodings = new AtomicInteger();

		final AtomicInteger decodings = new AtomicInteger();

		private final JsonValueCodec json = new JsonValueCodec(JsonMapper.builder().build());

		@Override
		public EncodedValue encode(Object value) {
			this.encodings.incrementAndGet();
			return this.json.encode(value);
		}

		@Override
		public Object decode(EncodedValue value, Type type) {
			this.decodings.incrementAndGet();
			return this.json.decode(value, type);
		}

		@Override
		public Object convert(Object value, Type type) {
			return this.json.convert(value, type);
		}

	}

	static class CountingMemoryBackendFactory extends MemoryBackendFactory {

		final AtomicInteger created = new AtomicInteger();

		@Override
		public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context) {
			this.created.incrementAndGet();
			return super.create(properties, context);
		}

	}

}
