package dev.memoize;

import java.util.Set;

/**
 * The caches of an application, by name. Available as a bean.
 */
public interface MemoCacheManager {

	/**
	 * Returns a cache.
	 * @param name the cache name
	 * @return the cache
	 * @throws MemoizeException if no cache has that name
	 */
	MemoCache cache(String name);

	/**
	 * The names of all caches.
	 * @return the names, in configuration order
	 */
	Set<String> names();

	/**
	 * Copies the entries a filter selects from one cache into another, keeping their
	 * keys, metadata, expected values and times: a migration from one backend to another.
	 * @param from the source cache name
	 * @param to the target cache name
	 * @param filter which entries to copy
	 * @return how many entries were copied
	 */
	long copy(String from, String to, EntryFilter filter);

}
