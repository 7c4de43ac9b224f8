package dev.memoize.support;

import java.util.concurrent.atomic.LongAdder;

import dev.memoize.CacheStats;

/**
 * The counters of one cache, updated from many threads without contention.
 */
public final class StatsCounter {

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder puts = new LongAdder();

	private final LongAdder evictions = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final LongAdder loads = new LongAdder();

	private final LongAdder loadNanos = new LongAdder();

	void hit() {
		this.hits.increment();
	}

	void miss() {
		this.misses.increment();
	}

	void put(long count) {
		this.puts.add(count);
	}

	void evicted(long count) {
		this.evictions.add(count);
	}

	void error() {
		this.errors.increment();
	}

	void loaded(long nanos) {
		this.loads.increment();
		this.loadNanos.add(nanos);
	}

	/**
	 * A snapshot of the counters.
	 * @return the statistics
	 */
	public CacheStats snapshot() {
		return new CacheStats(this.hits.sum(), this.misses.sum(), this.puts.sum(), this.evictions.sum(),
				this.errors.sum(), this.loads.sum(), this.loadNanos.sum());
	}

}
