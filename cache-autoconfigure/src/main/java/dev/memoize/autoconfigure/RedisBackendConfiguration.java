package dev.memoize.autoconfigure;

import io.lettuce.core.RedisClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The {@code redis} backend type, when Spring Data Redis and Lettuce are on the class
 * path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ RedisConnectionFactory.class, LettuceConnectionFactory.class, RedisClient.class })
class RedisBackendConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisBackendFactory redisBackendFactory(ObjectProvider<RedisConnectionFactory> connectionFactory) {
		return new RedisBackendFactory(connectionFactory);
	}

}
