package dev.memoize.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code memory} backend type.
 */
@Configuration(proxyBeanMethods = false)
class MemoryBackendConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MemoryBackendFactory memoryBackendFactory() {
		return new MemoryBackendFactory();
	}

}
