package dev.memoize.benchmarks.memory;

import org.springframework.cache.annotation.Cacheable;

/**
 * A bean whose method Spring's {@code @Cacheable} serves from a Caffeine cache. Counts
 * how often the body ran; the count is not thread-safe, which is enough for checking a
 * single-threaded warm-up.
 */
public class CacheableLookup {

	/** Name of the Spring cache. */
	static final String CACHE = "lookups";

	private long calls;

	@Cacheable(CACHE)
	public String lookup(String key) {
		this.calls++;
		return Work.compute(key);
	}

	long calls() {
		return this.calls;
	}

}
