package dev.memoize.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.layered.InvalidationChannel;
import dev.memoize.backend.layered.Layer;
import dev.memoize.backend.layered.LayeredBackend;
import dev.memoize.backend.layered.LayeredOptions;

/**
 * Creates {@code layered} backends from {@code memoize.caches.<name>.layered.*}. Its
 * layers are other caches: the cache manager creates them first and hands their backends
 * to {@link #create(MemoizeProperties.Cache, BackendContext, List)}.
 */
public class LayeredBackendFactory implements CacheBackendFactory {

	private final ObjectProvider<InvalidationChannels> invalidationChannels;

	/**
	 * Creates a factory.
	 * @param invalidationChannels opens the channels of caches with invalidation; asked
	 * only when such a cache is created
	 */
	public LayeredBackendFactory(ObjectProvider<InvalidationChannels> invalidationChannels) {
		this.invalidationChannels = invalidationChannels;
	}

	@Override
	public String type() {
		return "layered";
	}

	/**
	 * Not supported: a layered backend needs its layers.
	 * @throws IllegalStateException always
	 * @see #create(MemoizeProperties.Cache, BackendContext, List)
	 */
	@Override
	public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context) {
		throw new IllegalStateException("A layered cache is built over the backends of other caches; create it with "
				+ "create(properties, context, layers)");
	}

	/**
	 * The names of the caches a layered cache is built over.
	 * @param properties the cache's properties
	 * @return the names, fastest first, trimmed
	 */
	public List<String> layerNames(MemoizeProperties.Cache properties) {
		List<String> layers = properties.getLayered().getLayers();
		return (layers != null) ? layers.stream().map((name) -> (name != null) ? name.trim() : null).toList()
				: List.of();
	}

	/**
	 * Creates the backend of a layered cache.
	 * @param properties the cache's properties
	 * @param context the cache name, clock and eviction listener
	 * @param layers the backends of the caches {@link #layerNames} names, in that order
	 * @return the backend
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * if a property is unusable
	 */
	public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context, List<Layer> layers) {
		MemoizeProperties.Layered layered = properties.getLayered();
		String cache = context.cacheName();
		LayeredOptions options = options(cache, layered);
		try {
			LayeredBackend.check(layers);
		}
		catch (IllegalArgumentException ex) {
			throw PropertyErrors.invalid(cache, "layered.layers", layerNames(properties), ex.getMessage());
		}
		InvalidationChannel channel = channel(cache, layered.getInvalidation(), layers);
		try {
			return LayeredBackend.create(layers, options, channel, context);
		}
		catch (RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	private static LayeredOptions options(String cache, MemoizeProperties.Layered layered) {
		if (layered.getPromotion() == null) {
			throw PropertyErrors.invalid(cache, "layered.promotion", null, "must be always, never or frequency");
		}
		if (layered.getPromotionThreshold() < 1) {
			throw PropertyErrors.invalid(cache, "layered.promotion-threshold", layered.getPromotionThreshold(),
					"must be at least 1");
		}
		if (layered.getWrite() == null) {
			throw PropertyErrors.invalid(cache, "layered.write", null,
					"must be write-through, write-back or write-around");
		}
		MemoizeProperties.Layered.WriteBack writeBack = layered.getWriteBack();
		Duration interval = writeBack.getFlushInterval();
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw PropertyErrors.invalid(cache, "layered.write-back.flush-interval", interval, "must be positive");
		}
		if (writeBack.getBatchSize() < 1) {
			throw PropertyErrors.invalid(cache, "layered.write-back.batch-size", writeBack.getBatchSize(),
					"must be at least 1");
		}
		if (writeBack.getMaxPending() < writeBack.getBatchSize()) {
			throw PropertyErrors.invalid(cache, "layered.write-back.max-pending", writeBack.getMaxPending(),
					"must be at least memoize.caches." + cache + ".layered.write-back.batch-size ("
							+ writeBack.getBatchSize() + ")");
		}
		return new LayeredOptions(layered.getPromotion(), layered.getPromotionThreshold(), layered.getWrite(), interval,
				writeBack.getBatchSize(), writeBack.getMaxPending());
	}

	private InvalidationChannel channel(String cache, MemoizeProperties.Layered.Invalidation invalidation,
			List<Layer> layers) {
		Boolean enabled = invalidation.getEnabled();
		if (Boolean.FALSE.equals(enabled) || (enabled == null && layers.stream().noneMatch(Layer::inHeap))) {
			return InvalidationChannel.NONE;
		}
		boolean required = Boolean.TRUE.equals(enabled);
		InvalidationChannels channels = this.invalidationChannels.getIfAvailable();
		if (channels == null) {
			if (required) {
				throw PropertyErrors.invalid(cache, "layered.invalidation.enabled", true,
						"invalidation needs org.springframework.data:spring-data-redis and io.lettuce:lettuce-core "
								+ "on the class path, or an InvalidationChannels bean");
			}
			return InvalidationChannel.NONE;
		}
		InvalidationChannel channel = channels.open(cache, invalidation, layers, required);
		return (channel != null) ? channel : InvalidationChannel.NONE;
	}

}
