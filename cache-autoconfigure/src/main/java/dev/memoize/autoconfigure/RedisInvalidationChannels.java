package dev.memoize.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.StringUtils;

import dev.memoize.backend.layered.InvalidationChannel;
import dev.memoize.backend.layered.Layer;
import dev.memoize.backend.layered.RedisInvalidationChannel;
import dev.memoize.backend.redis.RedisBackend;
import dev.memoize.backend.redis.RedisConnections;

/**
 * Opens {@link RedisInvalidationChannel}s on the Redis that {@code redis-url} names (with
 * connections of the channel's own), else on the server of the cache's first
 * {@code redis} layer, else on the application's {@link RedisConnectionFactory}.
 */
class RedisInvalidationChannels implements InvalidationChannels {

	/** Longest wait to connect or for one command, on the channel's own connections. */
	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final ObjectProvider<RedisConnectionFactory> applicationConnections;

	RedisInvalidationChannels(ObjectProvider<RedisConnectionFactory> applicationConnections) {
		this.applicationConnections = applicationConnections;
	}

	@Override
	public InvalidationChannel open(String cacheName, MemoizeProperties.Layered.Invalidation properties,
			List<Layer> layers, boolean required) {
		String channel = properties.getChannel();
		if (!StringUtils.hasText(channel)) {
			throw PropertyErrors.invalid(cacheName, "layered.invalidation.channel", channel, "must not be empty");
		}
		if (StringUtils.hasText(properties.getRedisUrl())) {
			return RedisInvalidationChannel.owning(own(cacheName, properties.getRedisUrl()), channel);
		}
		for (Layer layer : layers) {
			if (layer.backend() instanceof RedisBackend redis) {
				return RedisInvalidationChannel.over(redis.connectionFactory(), channel);
			}
		}
		RedisConnectionFactory application = this.applicationConnections.getIfAvailable();
		if (application != null) {
			return RedisInvalidationChannel.over(application, channel);
		}
		if (required) {
			throw PropertyErrors.invalid(cacheName, "layered.invalidation.redis-url", null,
					"invalidation is enabled but there is no Redis to publish on: set this, add a redis layer, "
							+ "or give the application a RedisConnectionFactory");
		}
		return null;
	}

	private static LettuceConnectionFactory own(String cacheName, String url) {
		String problem = RedisUrls.problem(url);
		if (problem != null) {
			throw PropertyErrors.invalid(cacheName, "layered.invalidation.redis-url", url, problem);
		}
		try {
			return RedisConnections.standalone(url, TIMEOUT);
		}
		catch (IllegalArgumentException ex) {
			throw PropertyErrors.invalid(cacheName, "layered.invalidation.redis-url", url, ex.getMessage());
		}
	}

}
