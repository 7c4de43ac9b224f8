package dev.memoize.backend;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.key.MemoKey;

/**
 * Where the entries of one cache live. The engine above it handles keys, encoding,
 * statistics, events and single-flight computation; a backend only stores.
 *
 * <p>
 * Contract, for every implementation:
 * <ul>
 * <li>Thread-safe: any method may be called from many threads at once.</li>
 * <li>Reads never throw: {@link #get} and {@link #getAll} answer a {@link Lookup}, which
 * tells a miss from a {@link Lookup.Failure failure} of the backend. Writes, removals,
 * scans and {@link #size} throw {@link BackendException} when the backend fails.</li>
 * <li>An entry is stored until its {@link CacheEntry#expiresAt()} (per-entry time to
 * live), until the backend's own limits evict it, or until it is removed. An expired
 * entry is never returned.</li>
 * <li>A backend that does not {@link #storesLiveObjects() store live objects} receives
 * entries whose {@code output} and {@code expected} are
 * {@link dev.memoize.codec.EncodedValue}s and returns them as such.</li>
 * <li>{@link #scan} pages are at most {@code limit} long; following the cursors visits
 * every entry present during the whole scan exactly once.</li>
 * </ul>
 */
public interface CacheBackend extends AutoCloseable {

	/**
	 * Whether entries are kept as the live objects the method returned, so the engine
	 * need not encode them.
	 * @return {@code true} for in-heap backends
	 */
	boolean storesLiveObjects();

	/**
	 * Reads one entry.
	 * @param key the key
	 * @return a hit, a miss or a failure
	 */
	Lookup get(MemoKey key);

	/**
	 * Reads many entries, in one round trip where the store allows it.
	 * @param keys the keys
	 * @return a lookup for every requested key, by key
	 */
	default Map<String, Lookup> getAll(Collection<MemoKey> keys) {
		Map<String, Lookup> result = new LinkedHashMap<>();
		for (MemoKey key : keys) {
			result.put(key.key(), get(key));
		}
		return result;
	}

	/**
	 * Stores an entry, replacing any entry with the same key.
	 * @param entry the entry
	 * @throws BackendException if the backend fails
	 */
	void put(CacheEntry entry);

	/**
	 * Stores many entries, in one round trip where the store allows it.
	 * @param entries the entries
	 * @throws BackendException if the backend fails
	 */
	default void putAll(List<CacheEntry> entries) {
		for (CacheEntry entry : entries) {
			put(entry);
		}
	}

	/**
	 * Removes one entry.
	 * @param key the key
	 * @return whether an entry was removed
	 * @throws BackendException if the backend fails
	 */
	boolean remove(String key);

	/**
	 * Removes the entries the filter selects.
	 * @param filter the filter; {@link EntryFilter#ALL} clears the whole cache
	 * @return how many entries were removed
	 * @throws BackendException if the backend fails
	 */
	long clear(EntryFilter filter);

	/**
	 * Reads one page of the entries the filter selects.
	 * @param filter the filter
	 * @param cursor {@code null} for the first page, else the previous page's
	 * {@link EntryPage#nextCursor()}
	 * @param limit the largest number of entries to return, at least 1
	 * @return the page
	 * @throws BackendException if the backend fails
	 */
	EntryPage scan(EntryFilter filter, String cursor, int limit);

	/**
	 * The number of entries stored, possibly counting some that expired but were not yet
	 * purged.
	 * @return the entry count
	 * @throws BackendException if the backend fails
	 */
	long size();

	/**
	 * Releases the backend's resources. The default does nothing.
	 */
	@Override
	default void close() {
	}

}
