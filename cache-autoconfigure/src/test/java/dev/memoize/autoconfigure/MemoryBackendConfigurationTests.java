package dev.memoize.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.memory.CaffeineBackend;
import dev.memoize.backend.memory.PolicyBackend;
import dev.memoize.support.DefaultMemoCache;

import static org.assertj.core.api.Assertions.assertThat;
import dev.memoize.support.TestClock;

/**
 * Tests of the {@code memory} cache type and its {@code memoize.caches.<name>.memory.*}
 * properties.
 */
class MemoryBackendConfigurationTests {

	private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class));

	private static MemoCache cache(ApplicationContext context, String name) {
		return context.getBean(MemoCacheManager.class).cache(name);
	}

	private static CacheBackend backend(ApplicationContext context, String name) {
		return ((DefaultMemoCache) cache(context, name)).backend();
	}

	@Test
	void memoryTypeWithoutEvictionIsCaffeine() {
		this.runner.withPropertyValues("memoize.caches.x.type=memory")
			.run((context) -> assertThat(backend(context, "x")).isInstanceOf(CaffeineBackend.class));
	}

	@Test
	void memoryIsTheTypeWhenNoneIsGiven() {
		this.runner.withPropertyValues("memoize.caches.x.ttl=1h")
			.run((context) -> assertThat(backend(context, "x")).isInstanceOf(CaffeineBackend.class));
	}

	@Test
	void tinylfuEvictionIsCaffeineAndKeepsItsBound() {
		this.runner
			.withPropertyValues("memoize.caches.x.memory.eviction=tinylfu", "memoize.caches.x.memory.max-entries=3")
			.run((context) -> {
				assertThat(backend(context, "x")).isInstanceOf(CaffeineBackend.class);
				MemoCache cache = cache(context, "x");
				for (int i = 0; i < 20; i++) {
					cache.put("f", Map.of("i", i), i);
				}
				assertThat(cache.size()).isEqualTo(3);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "lru", "lfu", "fifo", "random", "LRU" })
	void policyEvictionsArePolicyBackendsThatKeepTheirBound(String eviction) {
		this.runner
			.withPropertyValues("memoize.caches.x.memory.eviction=" + eviction, "memoize.caches.x.memory.max-entries=3")
			.run((context) -> {
				assertThat(backend(context, "x")).isInstanceOf(PolicyBackend.class);
				MemoCache cache = cache(context, "x");
				for (int i = 0; i < 20; i++) {
					cache.put("f", Map.of("i", i), i);
				}
				assertThat(cache.size()).isEqualTo(3);
				assertThat(cache.stats().evictions()).isEqualTo(17);
			});
	}

	@Test
	void lruEvictionDropsTheLeastRecentlyReadEntry() {
		this.runner.withPropertyValues("memoize.caches.x.memory.eviction=lru", "memoize.caches.x.memory.max-entries=2")
			.run((context) -> {
				MemoCache cache = cache(context, "x");
				cache.put("f", Map.of("i", "a"), "a");
				cache.put("f", Map.of("i", "b"), "b");
				assertThat(cache.get("f", Map.of("i", "a"))).isPresent();
				cache.put("f", Map.of("i", "c"), "c");
				assertThat(cache.get("f", Map.of("i", "a"))).isPresent();
				assertThat(cache.get("f", Map.of("i", "b"))).isEmpty();
			});
	}

	@Test
	void fifoEvictionDropsTheFirstWrittenEntryEvenWhenRead() {
		this.runner.withPropertyValues("memoize.caches.x.memory.eviction=fifo", "memoize.caches.x.memory.max-entries=2")
			.run((context) -> {
				MemoCache cache = cache(context, "x");
				cache.put("f", Map.of("i", "a"), "a");
				cache.put("f", Map.of("i", "b"), "b");
				assertThat(cache.get("f", Map.of("i", "a"))).isPresent();
				cache.put("f", Map.of("i", "c"), "c");
				assertThat(cache.get("f", Map.of("i", "a"))).isEmpty();
				assertThat(cache.get("f", Map.of("i", "b"))).isPresent();
			});
	}

	@Test
	void ttlSetsTheExpiryOfEntries() {
		TestClock clock = new TestClock(START);
		this.runner.withBean(MemoizeAutoConfiguration.CLOCK_BEAN, Clock.class, () -> clock)
			.withPropertyValues("memoize.caches.x.ttl=30s", "memoize.caches.x.memory.eviction=lru")
			.run((context) -> {
				MemoCache cache = cache(context, "x");
				assertThat(cache.put("f", Map.of("i", 1), "v").expiresAt()).isEqualTo(START.plusSeconds(30));
				clock.advance(Duration.ofSeconds(29));
				assertThat(cache.get("f", Map.of("i", 1))).isPresent();
				clock.advance(Duration.ofSeconds(1));
				assertThat(cache.get("f", Map.of("i", 1))).isEmpty();
				assertThat(cache.entries(EntryFilter.ALL)).isEmpty();
			});
	}

	@Test
	void zeroMaxEntriesFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.caches.x.memory.max-entries=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure()))
				.contains("memoize.caches.x.memory.max-entries")
				.contains("must be at least 1");
		});
	}

	@Test
	void unknownEvictionFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.caches.x.memory.eviction=bogus").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure()))
				.contains("memoize.caches.x.memory.eviction");
		});
	}

}
