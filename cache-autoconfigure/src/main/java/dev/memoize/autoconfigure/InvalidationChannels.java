package dev.memoize.autoconfigure;

import java.util.List;

import dev.memoize.backend.layered.InvalidationChannel;
import dev.memoize.backend.layered.Layer;

/**
 * Opens the channels over which the instances of a layered cache invalidate each other's
 * in-heap layers. Memoize declares one over Redis pub/sub when Spring Data Redis and
 * Lettuce are on the class path; declare a bean of this type to use another transport.
 */
@FunctionalInterface
public interface InvalidationChannels {

	/**
	 * Opens the channel of one layered cache.
	 * @param cacheName the layered cache
	 * @param properties its {@code layered.invalidation} properties
	 * @param layers its layers, fastest first
	 * @param required whether the cache sets {@code layered.invalidation.enabled} to
	 * {@code true}, so that a missing transport is an error rather than no invalidation
	 * @return the channel, closed with the cache; or {@code null} when there is no
	 * transport at hand and none is required
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * if a property is unusable, or a required transport is missing
	 */
	InvalidationChannel open(String cacheName, MemoizeProperties.Layered.Invalidation properties, List<Layer> layers,
			boolean required);

}
