package dev.memoize.autoconfigure.metrics;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.memoize.MemoCacheManager;
import dev.memoize.autoconfigure.MemoizeAutoConfiguration;

/**
 * Auto-configuration of the Micrometer meters of Memoize's caches (see
 * {@link MemoCacheMetrics}), when Micrometer is on the class path. Spring Boot binds the
 * {@link MeterBinder} bean to every meter registry of the application.
 */
@AutoConfiguration(after = MemoizeAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, MeterBinder.class })
@ConditionalOnBean(MemoCacheManager.class)
public class MemoizeMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MemoCacheMetrics memoCacheMetrics(MemoCacheManager manager) {
		return new MemoCacheMetrics(manager, List.of());
	}

}
