package dev.memoize.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.MemoCacheManager;
import dev.memoize.backend.noop.NoopBackend;
import dev.memoize.support.DefaultMemoCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code noop} cache type.
 */
class NoopBackendConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class));

	@Test
	void noopTypeCreatesANoopBackend() {
		this.runner.withPropertyValues("memoize.caches.off.type=noop").run((context) -> {
			DefaultMemoCache cache = (DefaultMemoCache) context.getBean(MemoCacheManager.class).cache("off");
			assertThat(cache.backend()).isInstanceOf(NoopBackend.class);
		});
	}

	@Test
	void memoizedMethodOnANoopCacheComputesEveryTime() {
		this.runner.withUserConfiguration(CountingService.Config.class)
			.withPropertyValues("memoize.caches.default.type=noop")
			.run((context) -> {
				CountingService service = context.getBean(CountingService.class);
				assertThat(service.greet("ada")).isEqualTo("hello ada");
				assertThat(service.greet("ada")).isEqualTo("hello ada");
				assertThat(service.calls()).isEqualTo(2);
				assertThat(context.getBean(MemoCacheManager.class).cache("default").size()).isZero();
			});
	}

}
