package dev.memoize.backend.memory;

import java.util.random.RandomGenerator;

/**
 * Tracks the keys of a bounded map and names the one to drop when it is full. Not
 * thread-safe: {@link PolicyBackend} calls it under its lock.
 */
interface EvictionPolicy {

	/**
	 * A new key was stored.
	 * @param key the key
	 */
	void added(String key);

	/**
	 * A stored key was read or overwritten.
	 * @param key the key
	 */
	void accessed(String key);

	/**
	 * A key was removed.
	 * @param key the key
	 */
	void removed(String key);

	/**
	 * The key to drop next; only called while at least one key is tracked.
	 * @return the victim
	 */
	String victim();

	/**
	 * Creates the policy for a kind of eviction.
	 * @param eviction the kind; {@link Eviction#TINYLFU} is Caffeine's and has no policy
	 * here
	 * @param random the source of randomness for {@link Eviction#RANDOM}
	 * @return the policy
	 */
	static EvictionPolicy of(Eviction eviction, RandomGenerator random) {
		return switch (eviction) {
			case LRU -> new OrderPolicy(true);
			case FIFO -> new OrderPolicy(false);
			case LFU -> new LfuPolicy();
			case RANDOM -> new RandomPolicy(random);
			case TINYLFU -> throw new IllegalArgumentException("TinyLFU eviction is Caffeine's own");
		};
	}

}
