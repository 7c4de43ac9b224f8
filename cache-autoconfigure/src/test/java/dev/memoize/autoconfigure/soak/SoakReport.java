package dev.memoize.autoconfigure.soak;

import java.util.List;

/**
 * What one soak of one backend did and found.
 *
 * @param backend the backend soaked
 * @param seconds how long the calls ran
 * @param calls calls of the memoized methods
 * @param hits hits of the bounded cache
 * @param misses misses of the bounded cache
 * @param puts writes to the bounded cache
 * @param evictions evictions the bounded cache and its layers reported
 * @param clears clears of a function or of the whole bounded cache
 * @param checked entries read back at the end: those written in the phase without clears
 * and not reported evicted, and those of the unbounded cache
 * @param rewritten of the entries written in the phase without clears, those checked
 * although evicted once in that phase, because written again since
 * @param lost entries read back that were missing or wrong
 * @param onceKeys keys of the unbounded cache hammered by all threads at once
 * @param onceComputations how often those keys were computed
 * @param failures exceptions that reached a caller, wrong values served, and errors the
 * caches reported, at most a few of each
 */
record SoakReport(String backend, long seconds, long calls, long hits, long misses, long puts, long evictions,
		long clears, long checked, long rewritten, long lost, long onceKeys, long onceComputations,
		List<String> failures) {

	/**
	 * The report as one line of figures.
	 * @return the line
	 */
	String line() {
		return String.format(
				"soak %-22s %3ds calls=%d hits=%d misses=%d puts=%d evictions=%d clears=%d checked=%d (rewritten after eviction %d) lost=%d"
						+ " once-keys=%d once-computations=%d failures=%d",
				this.backend, this.seconds, this.calls, this.hits, this.misses, this.puts, this.evictions, this.clears,
				this.checked, this.rewritten, this.lost, this.onceKeys, this.onceComputations, this.failures.size());
	}

}
