package dev.memoize.autoconfigure;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;

/**
 * Creates the backends of one type for the caches configured with
 * {@code memoize.caches.<name>.type}. Each backend type of Memoize is a bean of this
 * kind; declare your own to add a type, or to replace one of Memoize's (declare a bean of
 * the same class, say {@link MemoryBackendFactory}).
 */
public interface CacheBackendFactory {

	/**
	 * The type name this factory answers to in {@code memoize.caches.<name>.type}.
	 * @return the type name
	 */
	String type();

	/**
	 * Creates the backend of one cache.
	 * @param properties the cache's properties
	 * @param context the cache name, clock and eviction listener
	 * @return the backend
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * if a property is unusable
	 */
	CacheBackend create(MemoizeProperties.Cache properties, BackendContext context);

}
