package dev.memoize.benchmarks.remote;

import java.util.ArrayList;
import java.util.List;

import org.springframework.cache.annotation.Cacheable;

/**
 * A bean whose method Spring's {@code @Cacheable} serves from the cache {@value #CACHE}
 * of whichever {@code CacheManager} the benchmark's context holds. Counts how many values
 * the body computed; the count is not thread-safe, which is enough for checking a
 * single-threaded set-up.
 */
public class CacheableLookups {

	/** Name of the Spring cache. */
	public static final String CACHE = "remote";

	private long computed;

	/**
	 * One value.
	 * @param key the argument
	 * @return its value
	 */
	@Cacheable(CACHE)
	public String lookup(String key) {
		this.computed++;
		return Values.of(key);
	}

	/**
	 * How many values the body computed so far.
	 * @return the count
	 */
	public long computed() {
		return this.computed;
	}

	/**
	 * The values of a batch the way {@code @Cacheable} allows: one call through the proxy
	 * per argument.
	 * @param self this bean's proxy
	 * @param keys the arguments
	 * @return their values, in order
	 */
	public static List<String> lookupEach(CacheableLookups self, List<String> keys) {
		List<String> values = new ArrayList<>(keys.size());
		for (String key : keys) {
			values.add(self.lookup(key));
		}
		return values;
	}

}
