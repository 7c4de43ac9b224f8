package dev.memoize.backend.memory;

import java.util.random.RandomGenerator;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;

/**
 * Creates the in-memory backend for an eviction policy.
 */
public final class MemoryBackends {

	private MemoryBackends() {
	}

	/**
	 * Creates an in-memory backend.
	 * @param maxEntries the most entries kept, at least 1
	 * @param eviction the eviction policy
	 * @param context the cache name, clock and eviction listener
	 * @return a {@link CaffeineBackend} for {@link Eviction#TINYLFU}, else a
	 * {@link PolicyBackend}
	 */
	public static CacheBackend create(long maxEntries, Eviction eviction, BackendContext context) {
		if (eviction == Eviction.TINYLFU) {
			return new CaffeineBackend(maxEntries, context);
		}
		return new PolicyBackend(maxEntries, eviction, RandomGenerator.getDefault(), context);
	}

}
