package dev.memoize.autoconfigure;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Makes sure an auto-proxy creator that applies infrastructure advisors exists, proxying
 * classes (as Spring Boot does by default) so that beans without interfaces are memoized
 * too.
 */
class MemoizeAutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
		AopConfigUtils.forceAutoProxyCreatorToUseClassProxying(registry);
	}

}
