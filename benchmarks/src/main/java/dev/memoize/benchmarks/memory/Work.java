package dev.memoize.benchmarks.memory;

/**
 * The trivial method body every contender memoizes, so that a miss measures the cache and
 * not the work.
 */
final class Work {

	/** Most entries each contender's cache keeps, so memory stays flat during misses. */
	static final int MAX_ENTRIES = 10_000;

	private Work() {
	}

	static String compute(String key) {
		return "value of " + key;
	}

}
