package dev.memoize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.core.ResolvableType;

import dev.memoize.key.MemoKey;

/**
 * One named cache: what {@code @Memoize} methods read and write, open to programs too.
 *
 * <p>
 * Functions and inputs are given as the interceptor sees them: the function name (the
 * {@code name} attribute, else {@code com.acme.Service#method(Type,Type)}) and the
 * arguments by parameter name, excluded ones left out. Entries read through this
 * interface carry their values as the method returned them for in-heap backends, and as
 * plain JSON values (maps, lists, strings, numbers) for persistent ones.
 *
 * <p>
 * Thread-safe. Backend faults follow {@code memoize.fail-open}: when set, reads act as
 * misses and writes are skipped, the error counted; otherwise a {@link MemoizeException}
 * naming the cache is thrown.
 */
public interface MemoCache {

	/**
	 * The cache's name.
	 * @return the name
	 */
	String name();

	/**
	 * Computes the key of a call.
	 * @param func the function name
	 * @param inputs the arguments by parameter name
	 * @return the call's key
	 */
	MemoKey key(String func, Map<String, ?> inputs);

	/**
	 * Reads the entry of a call.
	 * @param func the function name
	 * @param inputs the arguments by parameter name
	 * @return the entry, or empty on a miss
	 */
	Optional<CacheEntry> get(String func, Map<String, ?> inputs);

	/**
	 * Returns the stored value of a call, or computes, stores and returns it. Concurrent
	 * callers of one key compute once; the others wait for that result, or its exception.
	 * @param key the call's key
	 * @param type the declared type the stored value is decoded to
	 * @param options time to live, metadata and veto of the write
	 * @param computation the work to run on a miss
	 * @return the stored or computed value, possibly {@code null}
	 * @throws Throwable whatever the computation throws; nothing is stored then
	 */
	Object get(MemoKey key, ResolvableType type, WriteOptions options, Computation computation) throws Throwable;

	/**
	 * Reads the stored values of many calls with one bulk read of the backend. Each
	 * requested key counts as one hit or one miss, duplicates included. An entry that
	 * cannot be decoded is removed and is a miss; a failed read is a miss for every key
	 * when {@code memoize.fail-open} is set.
	 * @param keys the calls' keys, in any order, duplicates allowed
	 * @param type the declared type each stored value is decoded to
	 * @return the decoded value of every hit by key, {@code null} values included; misses
	 * are absent
	 * @throws MemoizeException if the backend fails and {@code memoize.fail-open} is not
	 * set
	 */
	Map<String, Object> getAll(List<MemoKey> keys, ResolvableType type);

	/**
	 * Stores the values of many calls with one bulk write of the backend, each entry with
	 * the options' time to live and metadata unless the options' veto rejects its value.
	 * Does not take part in single-flight computation.
	 * @param values the value of each call, possibly {@code null}, by key
	 * @param options time to live, metadata and veto of each write
	 * @param loadTime how long computing these values took, counted as one computation;
	 * {@code null} when they were not computed for a miss
	 * @throws MemoizeException if a value cannot be encoded (then nothing is stored), or
	 * if the backend fails and {@code memoize.fail-open} is not set
	 */
	void putAll(Map<MemoKey, ?> values, WriteOptions options, Duration loadTime);

	/**
	 * Stores a value for a call, with the cache's time to live.
	 * @param func the function name
	 * @param inputs the arguments by parameter name
	 * @param value the value to serve, possibly {@code null}
	 * @return the entry written
	 */
	CacheEntry put(String func, Map<String, ?> inputs, Object value);

	/**
	 * Stores an entry as given, replacing any with the same key.
	 * @param entry the entry
	 */
	void put(CacheEntry entry);

	/**
	 * Removes the entry of a call.
	 * @param func the function name
	 * @param inputs the arguments by parameter name
	 * @return whether an entry was removed
	 */
	boolean remove(String func, Map<String, ?> inputs);

	/**
	 * Removes the entry with a key.
	 * @param key the key
	 * @return whether an entry was removed
	 */
	boolean removeKey(String key);

	/**
	 * Removes every entry.
	 * @return how many entries were removed
	 */
	default long clear() {
		return clear(EntryFilter.ALL);
	}

	/**
	 * Removes the entries a filter selects.
	 * @param filter the filter
	 * @return how many entries were removed
	 */
	long clear(EntryFilter filter);

	/**
	 * The entries a filter selects, read lazily page by page, ordered as the backend
	 * pages them. Close the stream, or consume it, to release the backend.
	 * @param filter the filter
	 * @return the entries
	 */
	Stream<CacheEntry> entries(EntryFilter filter);

	/**
	 * Reads the entry with a key, without counting a hit or a miss. Values are decoded as
	 * {@link #entries(EntryFilter)} decodes them.
	 * @param key the full key
	 * @return the entry, or empty when no live entry has that key
	 */
	default Optional<CacheEntry> entry(String key) {
		try (Stream<CacheEntry> selected = entries(EntryFilter.byKeyPrefix(key))) {
			return selected.filter((entry) -> entry.key().equals(key)).findFirst();
		}
	}

	/**
	 * The number of entries stored.
	 * @return the entry count
	 */
	long size();

	/**
	 * A snapshot of the cache's counters.
	 * @return the statistics
	 */
	CacheStats stats();

}
