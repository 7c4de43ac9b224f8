package dev.memoize.autoconfigure.health;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.autoconfigure.MemoizeAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of when the {@code memoize} health contributor exists and which caches it has
 * indicators for.
 */
class MemoizeHealthAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class, MemoizeHealthAutoConfiguration.class));

	@Test
	void cachesInTheHeapOrNowhereHaveNoIndicator() {
		this.runner
			.withPropertyValues("memoize.caches.default.type=memory", "memoize.caches.off.type=noop",
					"memoize.caches.fixtures.type=callback")
			.run((context) -> {
				CompositeHealthContributor memoize = context.getBean("memoizeHealthContributor",
						CompositeHealthContributor.class);
				assertThat(memoize.stream()).isEmpty();
			});
	}

	@Test
	void noContributorWhenTheMemoizeIndicatorIsDisabled() {
		this.runner.withPropertyValues("management.health.memoize.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("memoizeHealthContributor"));
	}

	@Test
	void noContributorWhenHealthIndicatorsAreDisabledByDefault() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("memoizeHealthContributor"));
	}

	@Test
	void noContributorWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("memoizeHealthContributor"));
	}

	@Test
	void theApplicationsOwnContributorNamedMemoizeReplacesIt() {
		CompositeHealthContributor own = CompositeHealthContributor.fromMap(java.util.Map.of());
		this.runner.withBean("memoizeHealthContributor", CompositeHealthContributor.class, () -> own)
			.run((context) -> assertThat(context.getBean("memoizeHealthContributor")).isSameAs(own));
	}

}
