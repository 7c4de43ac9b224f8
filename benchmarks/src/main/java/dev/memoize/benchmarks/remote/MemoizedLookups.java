package dev.memoize.benchmarks.remote;

import java.util.ArrayList;
import java.util.List;

import dev.memoize.Memoize;

/**
 * A bean whose methods Memoize serves from the cache {@value #CACHE}, whose backend each
 * benchmark configures. Counts how many values the bodies computed; the count is not
 * thread-safe, which is enough for checking a single-threaded set-up.
 */
public class MemoizedLookups {

	/** Name of the Memoize cache. */
	public static final String CACHE = "remote";

	private long computed;

	/**
	 * One value.
	 * @param key the argument
	 * @return its value
	 */
	@Memoize(cache = CACHE)
	public String lookup(String key) {
		this.computed++;
		return Values.of(key);
	}

	/**
	 * The values of a batch, each argument memoized on its own: the body only sees the
	 * arguments not stored yet.
	 * @param keys the arguments
	 * @return their values, in order
	 */
	@Memoize(cache = CACHE, batch = true)
	public List<String> lookupAll(List<String> keys) {
		List<String> values = new ArrayList<>(keys.size());
		for (String key : keys) {
			this.computed++;
			values.add(Values.of(key));
		}
		return values;
	}

	/**
	 * How many values the bodies computed so far.
	 * @return the count
	 */
	public long computed() {
		return this.computed;
	}

}
