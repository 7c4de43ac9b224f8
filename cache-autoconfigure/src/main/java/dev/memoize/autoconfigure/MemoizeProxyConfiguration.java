package dev.memoize.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

import dev.memoize.MemoCacheManager;
import dev.memoize.interceptor.MemoizeAdvisor;
import dev.memoize.interceptor.MemoizeInterceptor;
import dev.memoize.interceptor.MemoizeMethodValidator;
import dev.memoize.interceptor.MemoizeOperationSource;

/**
 * The infrastructure that memoizes {@code @Memoize} methods: an advisor applied by
 * Spring's auto-proxy creator, and a validator that checks every declaration at start-up.
 * The beans are static and look the caches up lazily, so creating them early (as advisors
 * are) creates no cache.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
@Import(MemoizeAutoProxyRegistrar.class)
class MemoizeProxyConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static MemoizeOperationSource memoizeOperationSource() {
		return new MemoizeOperationSource();
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static MemoizeInterceptor memoizeInterceptor(MemoizeOperationSource memoizeOperationSource,
			ObjectProvider<MemoCacheManager> cacheManager, ObjectProvider<MemoizeProperties> properties) {
		return new MemoizeInterceptor(memoizeOperationSource, cacheManager::getObject,
				() -> properties.getObject().getDefaultCache());
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static MemoizeAdvisor memoizeAdvisor(MemoizeOperationSource memoizeOperationSource,
			MemoizeInterceptor memoizeInterceptor) {
		return new MemoizeAdvisor(memoizeOperationSource, memoizeInterceptor);
	}

	@Bean
	static MemoizeMethodValidator memoizeMethodValidator(ConfigurableListableBeanFactory beanFactory,
			MemoizeOperationSource memoizeOperationSource, ObjectProvider<MemoCacheManager> cacheManager,
			ObjectProvider<MemoizeProperties> properties) {
		return new MemoizeMethodValidator(beanFactory, memoizeOperationSource, cacheManager::getObject,
				() -> properties.getObject().getDefaultCache());
	}

}
