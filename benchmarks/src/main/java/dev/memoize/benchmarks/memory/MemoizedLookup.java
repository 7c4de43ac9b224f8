package dev.memoize.benchmarks.memory;

import dev.memoize.Memoize;

/**
 * A bean whose method Memoize serves from its {@code memory} backend. Counts how often
 * the body ran; the count is not thread-safe, which is enough for checking a
 * single-threaded warm-up.
 */
public class MemoizedLookup {

	private long calls;

	@Memoize
	public String lookup(String key) {
		this.calls++;
		return Work.compute(key);
	}

	long calls() {
		return this.calls;
	}

}
