package dev.memoize.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code noop} backend type.
 */
@Configuration(proxyBeanMethods = false)
class NoopBackendConfiguration {

	@Bean
	@ConditionalOnMissingBean
	NoopBackendFactory noopBackendFactory() {
		return new NoopBackendFactory();
	}

}
