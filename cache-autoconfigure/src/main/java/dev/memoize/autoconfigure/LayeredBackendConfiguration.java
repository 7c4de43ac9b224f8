package dev.memoize.autoconfigure;

import io.lettuce.core.RedisClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import dev.memoize.MemoCacheManager;

/**
 * The {@code layered} backend type, its orderly stop with the application, and
 * invalidation over Redis pub/sub when Spring Data Redis and Lettuce are on the class
 * path.
 */
@Configuration(proxyBeanMethods = false)
class LayeredBackendConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LayeredBackendFactory layeredBackendFactory(ObjectProvider<InvalidationChannels> invalidationChannels) {
		return new LayeredBackendFactory(invalidationChannels);
	}

	@Bean
	LayeredShutdown memoizeLayeredShutdown(ObjectProvider<MemoCacheManager> caches) {
		return new LayeredShutdown(caches);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisConnectionFactory.class, RedisMessageListenerContainer.class,
			LettuceConnectionFactory.class, RedisClient.class })
	static class RedisInvalidationConfiguration {

		@Bean
		@ConditionalOnMissingBean(InvalidationChannels.class)
		RedisInvalidationChannels redisInvalidationChannels(ObjectProvider<RedisConnectionFactory> connectionFactory) {
			return new RedisInvalidationChannels(connectionFactory);
		}

	}

}
