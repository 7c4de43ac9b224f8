package dev.memoize.backend.redis;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The sorted, duplicate-free entry keys one {@code SCAN} walk found: what a paged scan
 * pages over. Immutable.
 */
final class KeySnapshot {

	private final byte[] pattern;

	private final String[] keys;

	/**
	 * Creates a snapshot.
	 * @param pattern the {@code MATCH} pattern the keys were found with
	 * @param keys the keys, without duplicates, in any order
	 */
	KeySnapshot(byte[] pattern, Collection<String> keys) {
		this.pattern = pattern.clone();
		this.keys = keys.toArray(String[]::new);
		Arrays.sort(this.keys);
	}

	boolean foundWith(byte[] pattern) {
		return Arrays.equals(this.pattern, pattern);
	}

	int size() {
		return this.keys.length;
	}

	List<String> keys(int from, int to) {
		return Arrays.asList(this.keys).subList(from, to);
	}

	/**
	 * The index of the first key after the given one.
	 * @param key a key, {@code null} for before the first
	 * @return the index, {@link #size()} when no key follows
	 */
	int indexAfter(String key) {
		if (key == null) {
			return 0;
		}
		int found = Arrays.binarySearch(this.keys, key);
		return (found >= 0) ? found + 1 : -found - 1;
	}

	/** Heap weight for the snapshot store: one unit per key. */
	int weight() {
		return Math.max(1, this.keys.length);
	}

}
