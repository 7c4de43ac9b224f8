package dev.memoize.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code file} backend type. It needs nothing beyond Memoize's own dependencies.
 */
@Configuration(proxyBeanMethods = false)
class FileBackendConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FileBackendFactory fileBackendFactory() {
		return new FileBackendFactory();
	}

}
