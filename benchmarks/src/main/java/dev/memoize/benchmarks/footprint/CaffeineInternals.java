package dev.memoize.benchmarks.footprint;

import java.lang.reflect.Field;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;

import dev.memoize.CacheEntry;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.memory.CaffeineBackend;

/**
 * Reads, by reflection, the parts of a Caffeine cache that grow with its entries, so that
 * what a cache holds per entry is measured without the objects its configuration reaches
 * (clock, listeners, and through them the application context).
 */
final class CaffeineInternals {

	private CaffeineInternals() {
	}

	/**
	 * The hash table of a bounded Caffeine cache: its nodes, with the keys and values
	 * they hold and the links of its eviction and expiry orders.
	 * @param cache a cache built with a maximum size
	 * @return the table
	 */
	static Map<?, ?> table(Cache<?, ?> cache) {
		return (Map<?, ?>) read(cache.asMap(), "data");
	}

	/**
	 * The Caffeine cache inside Memoize's default memory backend.
	 * @param backend the backend
	 * @return its cache
	 */
	@SuppressWarnings("unchecked")
	static Cache<String, CacheEntry> cache(CacheBackend backend) {
		if (!(backend instanceof CaffeineBackend)) {
			throw new IllegalStateException(
					"Expected Memoize's default memory backend, a CaffeineBackend, but found " + backend.getClass());
		}
		return (Cache<String, CacheEntry>) read(backend, "cache");
	}

	private static Object read(Object target, String name) {
		for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return field.get(target);
			}
			catch (NoSuchFieldException ex) {
				// look in the superclass
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException("Cannot read field " + name + " of " + type, ex);
			}
		}
		throw new IllegalStateException("No field " + name + " in " + target.getClass() + " or its superclasses");
	}

}
