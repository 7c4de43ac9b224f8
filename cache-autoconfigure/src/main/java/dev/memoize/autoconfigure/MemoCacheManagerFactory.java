package dev.memoize.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoize.MemoizeListener;
import dev.memoize.codec.ValueCodec;
import dev.memoize.key.KeyGenerator;
import dev.memoize.support.CacheSettings;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.support.DefaultMemoCacheManager;

/**
 * Builds the caches of {@code memoize.caches}, plus the default cache as an in-memory one
 * when it is not configured, checking every property on the way.
 */
final class MemoCacheManagerFactory {

	private final MemoizeProperties properties;

	private final Map<String, CacheBackendFactory> factories;

	private final KeyGenerator keyGenerator;

	private final ValueCodec codec;

	private final Clock clock;

	private final List<MemoizeListener> listeners;

	MemoCacheManagerFactory(MemoizeProperties properties, List<CacheBackendFactory> factories,
			KeyGenerator keyGenerator, ValueCodec codec, Clock clock, List<MemoizeListener> listeners) {
		this.properties = properties;
		this.factories = byType(factories);
		this.keyGenerator = keyGenerator;
		this.codec = codec;
		this.clock = clock;
		this.listeners = listeners;
	}

	private static Map<String, CacheBackendFactory> byType(List<CacheBackendFactory> factories) {
		Map<String, CacheBackendFactory> byType = new LinkedHashMap<>();
		for (CacheBackendFactory factory : factories) {
			CacheBackendFactory other = byType.putIfAbsent(factory.type(), factory);
			if (other != null) {
				throw new IllegalStateException("Two CacheBackendFactory beans answer to type '" + factory.type()
						+ "': " + other.getClass().getName() + " and " + factory.getClass().getName());
			}
		}
		return byType;
	}

	DefaultMemoCacheManager create() {
		String defaultCache = this.properties.getDefaultCache();
		if (defaultCache == null || defaultCache.isBlank()) {
			throw PropertyErrors.invalid("default-cache", defaultCache, "must name a cache");
		}
		Map<String, MemoizeProperties.Cache> configured = new LinkedHashMap<>(this.properties.getCaches());
		configured.putIfAbsent(defaultCache, new MemoizeProperties.Cache());
		List<DefaultMemoCache> caches = new ArrayList<>();
		try {
			for (Map.Entry<String, MemoizeProperties.Cache> cache : configured.entrySet()) {
				caches.add(create(cache.getKey(), cache.getValue()));
			}
		}
		catch (RuntimeException ex) {
			closeAll(caches, ex);
			throw ex;
		}
		return new DefaultMemoCacheManager(caches);
	}

	/**
	 * Releases what the caches created before a failure hold (open stores, locked
	 * directories, connections).
	 */
	private static void closeAll(List<DefaultMemoCache> caches, RuntimeException failure) {
		for (DefaultMemoCache cache : caches) {
			try {
				cache.close();
			}
			catch (Exception ex) {
				failure.addSuppressed(ex);
			}
		}
	}

	private DefaultMemoCache create(String name, MemoizeProperties.Cache cache) {
		String type = (cache.getType() != null) ? cache.getType().trim() : "";
		CacheBackendFactory factory = this.factories.get(type);
		if (factory == null) {
			throw PropertyErrors.invalid(name, "type", cache.getType(),
					"no backend of this type is available; the types are " + this.factories.keySet()
							+ BackendDependencies.hint(type));
		}
		if (cache.getTtl() != null && (cache.getTtl().isNegative() || cache.getTtl().isZero())) {
			throw PropertyErrors.invalid(name, "ttl", cache.getTtl(), "must be positive");
		}
		CacheSettings settings = new CacheSettings(name, this.keyGenerator, this.codec, this.clock, cache.getTtl(),
				this.listeners, this.properties.isFailOpen());
		return DefaultMemoCache.create(settings, (context) -> factory.create(cache, context));
	}

}
