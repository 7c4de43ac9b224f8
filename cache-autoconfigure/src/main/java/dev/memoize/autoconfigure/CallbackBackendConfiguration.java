package dev.memoize.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.memoize.MemoizeFeed;

/**
 * The {@code callback} backend type.
 */
@Configuration(proxyBeanMethods = false)
class CallbackBackendConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CallbackBackendFactory callbackBackendFactory(ObjectProvider<MemoizeFeed> feeds) {
		return new CallbackBackendFactory(() -> feeds.orderedStream().toList());
	}

}
