package dev.memoize.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoize.MemoizeListener;
import dev.memoize.backend.layered.Layer;
import dev.memoize.codec.ValueCodec;
import dev.memoize.key.KeyGenerator;
import dev.memoize.support.CacheSettings;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.support.DefaultMemoCacheManager;

/**
 * Builds the caches of {@code memoize.caches}, plus the default cache as an in-memory one
 * when it is not configured, checking every property on the way. Caches are created in
 * configuration order, except that a layered cache is created after the caches it is
 * layered over (and so is closed before them).
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
		Map<String, CacheBackendFactory> factories = new LinkedHashMap<>();
		Map<String, List<String>> layers = new LinkedHashMap<>();
		for (Map.Entry<String, MemoizeProperties.Cache> cache : configured.entrySet()) {
			CacheBackendFactory factory = factory(cache.getKey(), cache.getValue());
			factories.put(cache.getKey(), factory);
			layers.put(cache.getKey(), (factory instanceof LayeredBackendFactory layered)
					? layered.layerNames(cache.getValue()) : List.of());
		}
		Map<String, DefaultMemoCache> caches = new LinkedHashMap<>();
		try {
			for (String name : LayerOrder.of(layers)) {
				caches.put(name, create(name, configured.get(name), factories.get(name), layers.get(name), caches));
			}
		}
		catch (RuntimeException ex) {
			closeAll(caches.values(), ex);
			throw ex;
		}
		return new DefaultMemoCacheManager(List.copyOf(caches.values()));
	}

	/**
	 * Releases what the caches created before a failure hold (open stores, locked
	 * directories, connections), the last created first.
	 */
	private static void closeAll(Collection<DefaultMemoCache> caches, RuntimeException failure) {
		List<DefaultMemoCache> inReverse = new ArrayList<>(caches);
		Collections.reverse(inReverse);
		for (DefaultMemoCache cache : inReverse) {
			try {
				cache.close();
			}
			catch (Exception ex) {
				failure.addSuppressed(ex);
			}
		}
	}

	private CacheBackendFactory factory(String name, MemoizeProperties.Cache cache) {
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
		return factory;
	}

	/**
	 * Creates one cache; a layered cache gets the backends of its layers, which are among
	 * the caches created before it.
	 */
	private DefaultMemoCache create(String name, MemoizeProperties.Cache cache, CacheBackendFactory factory,
			List<String> layerNames, Map<String, DefaultMemoCache> created) {
		CacheSettings settings = new CacheSettings(name, this.keyGenerator, this.codec, this.clock, cache.getTtl(),
				this.listeners, this.properties.isFailOpen());
		if (factory instanceof LayeredBackendFactory layered) {
			List<Layer> layers = layerNames.stream()
				.map((layer) -> new Layer(layer, created.get(layer).backend()))
				.toList();
			return DefaultMemoCache.create(settings, (context) -> layered.create(cache, context, layers));
		}
		return DefaultMemoCache.create(settings, (context) -> factory.create(cache, context));
	}

}
