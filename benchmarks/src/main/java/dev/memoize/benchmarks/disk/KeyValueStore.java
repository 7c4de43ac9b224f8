package dev.memoize.benchmarks.disk;

/**
 * The operations the {@code disk} backend needs from an embedded store, as each candidate
 * engine does them. Not thread-safe unless an implementation says so; the benchmarks use
 * one thread.
 */
interface KeyValueStore extends AutoCloseable {

	/**
	 * Reads one value.
	 * @param key the key
	 * @return the value, or {@code null} when absent
	 */
	byte[] get(String key);

	/**
	 * Writes one value and commits it before returning, with the store's
	 * {@link Durability}.
	 * @param key the key
	 * @param value the value
	 */
	void put(String key, byte[] value);

	/**
	 * Writes many values in one commit.
	 * @param keys the keys
	 * @param values the values, one per key
	 */
	void putAll(String[] keys, byte[][] values);

	@Override
	void close();

}
