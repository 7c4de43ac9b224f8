package dev.memoize.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCacheManager;
import dev.memoize.MemoizeException;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;
import dev.memoize.support.DefaultMemoCache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import dev.memoize.support.FailingBackend;

/**
 * Tests of {@link CacheBackendFactory} beans adding cache types, of unknown types, and of
 * {@code memoize.fail-open} with a backend that fails.
 */
class CacheBackendFactoryTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withUserConfiguration(CountingService.Config.class);

	@Test
	void customFactoryBeanAddsACacheType() {
		this.runner.withBean(BrokenBackendFactory.class)
			.withPropertyValues("memoize.caches.x.type=broken")
			.run((context) -> {
				DefaultMemoCache cache = (DefaultMemoCache) context.getBean(MemoCacheManager.class).cache("x");
				assertThat(cache.backend()).isInstanceOf(FailingBackend.class);
			});
	}

	@Test
	void unknownTypeFailsStartupNamingThePropertyAndTheKnownTypes() {
		this.runner.withPropertyValues("memoize.caches.x.type=bogus").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains("memoize.caches.x.type")
				.contains("bogus")
				.contains("memory")
				.contains("noop")
				.contains("callback");
		});
	}

	@Test
	void twoFactoriesOfOneTypeFailStartup() {
		this.runner.withBean("one", BrokenBackendFactory.class)
			.withBean("two", BrokenBackendFactory.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure())).contains("type 'broken'");
			});
	}

	@Test
	void failingBackendComputesTheResultWhenFailOpen() {
		this.runner.withBean(BrokenBackendFactory.class)
			.withPropertyValues("memoize.caches.default.type=broken")
			.run((context) -> {
				CountingService service = context.getBean(CountingService.class);
				assertThat(service.greet("ada")).isEqualTo("hello ada");
				assertThat(service.greet("ada")).isEqualTo("hello ada");
				assertThat(service.calls()).isEqualTo(2);
				assertThat(context.getBean(MemoCacheManager.class).cache("default").stats().errors()).isPositive();
			});
	}

	@Test
	void failingBackendFailsTheCallNamingTheCacheWhenNotFailOpen() {
		this.runner.withBean(BrokenBackendFactory.class)
			.withPropertyValues("memoize.caches.default.type=broken", "memoize.fail-open=false")
			.run((context) -> {
				CountingService service = context.getBean(CountingService.class);
				assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> service.greet("ada"))
					.withMessageContaining("Cache 'default'")
					.withMessageContaining("connection refused");
				assertThat(service.calls()).isZero();
			});
	}

	static class BrokenBackendFactory implements CacheBackendFactory {

		@Override
		public String type() {
			return "broken";
		}

		@Override
		public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context) {
			return new FailingBackend(true);
		}

	}

}
