package dev.memoize.autoconfigure.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.MemoCacheManager;
import dev.memoize.autoconfigure.CountingService;
import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.support.DefaultMemoCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the Micrometer meters of Memoize's caches, read from a
 * {@link SimpleMeterRegistry}.
 */
class MemoizeMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class, MemoizeMetricsAutoConfiguration.class))
		.withBean(CountingService.class);

	private static SimpleMeterRegistry bound(MemoCacheMetrics metrics) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		metrics.bindTo(registry);
		return registry;
	}

	private static double count(MeterRegistry registry, String name, String cache, String... tags) {
		return registry.get(name).tag("cache", cache).tags(tags).functionCounter().count();
	}

	@Test
	void threeCallsOfOneKeyAreOneMissTwoHitsOnePutAndOneLoad() {
		this.runner.run((context) -> {
			SimpleMeterRegistry registry = bound(context.getBean(MemoCacheMetrics.class));
			CountingService service = context.getBean(CountingService.class);
			service.greet("ada");
			service.greet("ada");
			service.greet("ada");
			assertThat(count(registry, "memoize.gets", "default", "result", "miss")).isEqualTo(1);
			assertThat(count(registry, "memoize.gets", "default", "result", "hit")).isEqualTo(2);
			assertThat(count(registry, "memoize.puts", "default")).isEqualTo(1);
			assertThat(count(registry, "memoize.evictions", "default")).isZero();
			assertThat(count(registry, "memoize.errors", "default")).isZero();
			FunctionTimer loads = registry.get("memoize.loads").tag("cache", "default").functionTimer();
			assertThat(loads.count()).isEqualTo(1);
			assertThat(loads.totalTime(TimeUnit.NANOSECONDS)).isPositive();
		});
	}

	@Test
	void evictionsAreCountedWhenEntriesAreRemoved() {
		this.runner.run((context) -> {
			SimpleMeterRegistry registry = bound(context.getBean(MemoCacheMetrics.class));
			context.getBean(CountingService.class).greet("ada");
			context.getBean(CountingService.class).greet("grace");
			context.getBean(MemoCacheManager.class).cache("default").clear();
			assertThat(count(registry, "memoize.evictions", "default")).isEqualTo(2);
		});
	}

	@Test
	void metersFollowTheCountsOfTheirCacheAfterBinding() {
		this.runner.run((context) -> {
			SimpleMeterRegistry registry = bound(context.getBean(MemoCacheMetrics.class));
			assertThat(count(registry, "memoize.gets", "default", "result", "miss")).isZero();
			context.getBean(CountingService.class).greet("ada");
			assertThat(count(registry, "memoize.gets", "default", "result", "miss")).isEqualTo(1);
		});
	}

	@Test
	void everyCacheHasItsOwnMetersTaggedWithItsName() {
		this.runner
			.withPropertyValues("memoize.caches.default.type=memory", "memoize.caches.answers.type=memory",
					"memoize.caches.off.type=noop")
			.run((context) -> {
				SimpleMeterRegistry registry = bound(context.getBean(MemoCacheMetrics.class));
				context.getBean(MemoCacheManager.class).cache("answers").get("f", Map.of("x", 1));
				assertThat(registry.get("memoize.gets").tag("result", "miss").functionCounters()).hasSize(3);
				assertThat(count(registry, "memoize.gets", "answers", "result", "miss")).isEqualTo(1);
				assertThat(count(registry, "memoize.gets", "default", "result", "miss")).isZero();
				assertThat(registry.get("memoize.loads").tag("cache", "off").functionTimer().count()).isZero();
			});
	}

	@Test
	void noMetersWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MemoCacheMetrics.class));
	}

	@Test
	void theApplicationsOwnBinderReplacesMemoizes() {
		this.runner
			.withBean("custom", MemoCacheMetrics.class,
					() -> new MemoCacheMetrics(new DefaultMemoCacheManager(List.of()), List.of()))
			.run((context) -> assertThat(context).getBean(MemoCacheMetrics.class).isSameAs(context.getBean("custom")));
	}

}
