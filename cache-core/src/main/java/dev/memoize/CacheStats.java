package dev.memoize;

/**
 * An immutable snapshot of a cache's counters since it was created.
 *
 * @param hits lookups served from the cache
 * @param misses lookups that found nothing
 * @param puts entries written
 * @param evictions entries removed by eviction, expiry or an explicit evict
 * @param errors backend faults and undecodable entries
 * @param loads computations that ran because of a miss
 * @param totalLoadNanos total time spent in those computations
 */
public record CacheStats(long hits, long misses, long puts, long evictions, long errors, long loads,
		long totalLoadNanos) {

	/**
	 * Share of lookups that were hits, from 0 to 1; 0 when there was no lookup.
	 * @return the hit rate
	 */
	public double hitRate() {
		long requests = this.hits + this.misses;
		return (requests == 0) ? 0.0 : (double) this.hits / requests;
	}

	/**
	 * Mean time of one computation in nanoseconds; 0 when nothing was computed.
	 * @return the mean load time
	 */
	public double averageLoadNanos() {
		return (this.loads == 0) ? 0.0 : (double) this.totalLoadNanos / this.loads;
	}

}
