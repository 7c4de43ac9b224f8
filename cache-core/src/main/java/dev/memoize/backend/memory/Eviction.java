package dev.memoize.backend.memory;

/**
 * Which entry an in-memory cache drops when it is full.
 */
public enum Eviction {

	/**
	 * Caffeine's Window TinyLFU: near-optimal hit rates for most workloads; the default.
	 */
	TINYLFU,

	/**
	 * Least recently used: drops the entry read or written longest ago.
	 */
	LRU,

	/**
	 * Least frequently used: drops the entry read the fewest times, the oldest among
	 * ties.
	 */
	LFU,

	/**
	 * First in, first out: drops the entry written first.
	 */
	FIFO,

	/**
	 * Drops an entry chosen at random.
	 */
	RANDOM

}
