package dev.memoize.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.StringUtils;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.redis.RedisBackend;
import dev.memoize.backend.redis.RedisConnections;

/**
 * Creates {@code redis} backends from {@code memoize.caches.<name>.redis.*}. A cache with
 * a {@code url} or {@code cluster-nodes} gets connections of its own, created with the
 * cache and destroyed when it closes; any other uses the application's
 * {@link RedisConnectionFactory} bean.
 */
public class RedisBackendFactory implements CacheBackendFactory {

	private final ObjectProvider<RedisConnectionFactory> applicationConnections;

	/**
	 * Creates a factory.
	 * @param applicationConnections the application's connection factory, for caches
	 * without a {@code url} or {@code cluster-nodes}; asked only when such a cache is
	 * created
	 */
	public RedisBackendFactory(ObjectProvider<RedisConnectionFactory> applicationConnections) {
		this.applicationConnections = applicationConnections;
	}

	@Override
	public String type() {
		return "redis";
	}

	/**
	 * {@inheritDoc}
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * if a property is unusable, or if the cache sets neither {@code url} nor
	 * {@code cluster-nodes} and the application has no {@link RedisConnectionFactory}
	 */
	@Override
	public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context) {
		MemoizeProperties.Redis redis = properties.getRedis();
		String cache = context.cacheName();
		String keyPrefix = keyPrefix(redis, cache);
		Duration timeout = redis.getTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw PropertyErrors.invalid(cache, "redis.timeout", timeout, "must be positive");
		}
		List<String> nodes = redis.getClusterNodes();
		boolean hasUrl = StringUtils.hasText(redis.getUrl());
		if (hasUrl && !nodes.isEmpty()) {
			throw PropertyErrors.invalid(cache, "redis.cluster-nodes", nodes,
					"set either memoize.caches." + cache + ".redis.url or this, not both");
		}
		if (hasUrl) {
			return RedisBackend.owning(standalone(cache, redis.getUrl(), timeout), keyPrefix, context);
		}
		if (!nodes.isEmpty()) {
			return RedisBackend.owning(cluster(cache, nodes, timeout), keyPrefix, context);
		}
		RedisConnectionFactory application = this.applicationConnections.getIfAvailable();
		if (application == null) {
			throw PropertyErrors.invalid(cache, "redis.url", null,
					"the application has no RedisConnectionFactory bean, so the cache needs a url "
							+ "(or memoize.caches." + cache + ".redis.cluster-nodes)");
		}
		return new RedisBackend(application, keyPrefix, context);
	}

	private static String keyPrefix(MemoizeProperties.Redis redis, String cache) {
		String keyPrefix = redis.getKeyPrefix();
		if (keyPrefix == null) {
			return RedisBackend.defaultKeyPrefix(cache);
		}
		if (keyPrefix.isEmpty()) {
			throw PropertyErrors.invalid(cache, "redis.key-prefix", keyPrefix,
					"must not be empty: it tells the cache's keys from other data in the database");
		}
		return keyPrefix;
	}

	private static LettuceConnectionFactory standalone(String cache, String url, Duration timeout) {
		String problem = RedisUrls.problem(url);
		if (problem != null) {
			throw PropertyErrors.invalid(cache, "redis.url", url, problem);
		}
		try {
			return RedisConnections.standalone(url, timeout);
		}
		catch (IllegalArgumentException ex) {
			throw PropertyErrors.invalid(cache, "redis.url", url, ex.getMessage());
		}
	}

	private static LettuceConnectionFactory cluster(String cache, List<String> nodes, Duration timeout) {
		for (String node : nodes) {
			String problem = RedisUrls.nodeProblem(node);
			if (problem != null) {
				throw PropertyErrors.invalid(cache, "redis.cluster-nodes", nodes, problem);
			}
		}
		try {
			return RedisConnections.cluster(nodes, timeout);
		}
		catch (IllegalArgumentException ex) {
			throw PropertyErrors.invalid(cache, "redis.cluster-nodes", nodes, ex.getMessage());
		}
	}

}
