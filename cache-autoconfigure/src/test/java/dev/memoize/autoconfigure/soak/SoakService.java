package dev.memoize.autoconfigure.soak;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.memoize.Memoize;

/**
 * The memoized bean the soak calls: two functions on the bounded cache {@value #SOAK},
 * one on the unbounded cache {@value #ONCE} that counts how often it runs per item. Every
 * value is a function of the function name and the item, so a caller can check what it
 * was served.
 */
public class SoakService {

	/** The bounded cache, evicting and cleared during the soak. */
	public static final String SOAK = "soak";

	/** The unbounded cache of {@link #once(String)}, never cleared. */
	public static final String ONCE = "once";

	/** The upper, in-memory layer of a layered {@value #SOAK} cache. */
	public static final String SOAK_LOCAL = "soak-local";

	/** The lower, shared layer of a layered {@value #SOAK} cache. */
	public static final String SOAK_SHARED = "soak-shared";

	/** Function name of {@link #alpha(String)}. */
	public static final String ALPHA = "soak.alpha";

	/** Function name of {@link #beta(String)}. */
	public static final String BETA = "soak.beta";

	/** Function name of {@link #once(String)}. */
	public static final String ONCE_FUNC = "soak.once";

	private final Map<String, AtomicInteger> onceRuns = new ConcurrentHashMap<>();

	@Memoize(cache = SOAK, name = ALPHA)
	public String alpha(String item) {
		return value(ALPHA, item);
	}

	@Memoize(cache = SOAK, name = BETA)
	public String beta(String item) {
		return value(BETA, item);
	}

	@Memoize(cache = ONCE, name = ONCE_FUNC)
	public String once(String item) {
		this.onceRuns.computeIfAbsent(item, (key) -> new AtomicInteger()).incrementAndGet();
		return value(ONCE_FUNC, item);
	}

	/**
	 * How often {@link #once(String)} ran for each item.
	 * @return runs by item
	 */
	public Map<String, AtomicInteger> onceRuns() {
		return this.onceRuns;
	}

	/**
	 * The value a function returns for an item: a few bytes to a few hundred.
	 * @param func the function name
	 * @param item the item
	 * @return the value
	 */
	public static String value(String func, String item) {
		return func + "(" + item + ")=" + "#".repeat(Math.floorMod(item.hashCode(), 300));
	}

}
