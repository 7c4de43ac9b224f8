package dev.memoize.benchmarks.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The arguments of successive batch calls: a window of {@value #SIZE} keys that moves
 * {@value #NEW_KEYS} keys forward on every call, so that once primed every call has
 * {@value #SIZE} - {@value #NEW_KEYS} keys the previous call stored and
 * {@value #NEW_KEYS} keys never seen before. Not thread-safe.
 */
public final class BatchWindow {

	/** Keys per call. */
	public static final int SIZE = 100;

	/** Keys per call that were never asked before. */
	public static final int NEW_KEYS = 10;

	private final String prefix;

	private long start;

	/**
	 * Creates a window at the first key.
	 * @param prefix what every key starts with
	 */
	public BatchWindow(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * The keys of the next call, and moves on.
	 * @return {@value #SIZE} keys
	 */
	public List<String> next() {
		List<String> keys = new ArrayList<>(SIZE);
		for (long i = this.start; i < this.start + SIZE; i++) {
			keys.add(this.prefix + i);
		}
		this.start += NEW_KEYS;
		return keys;
	}

	/**
	 * Makes the next call of a contender meet exactly {@value #NEW_KEYS} new keys: calls
	 * it twice (the first call stores the whole window) and checks that the second call
	 * computed exactly {@value #NEW_KEYS} values.
	 * @param contender the batch call
	 * @param computed how many values the contender computed so far
	 * @param state what the contender tells of itself, for the message of a failed check
	 * @throws IllegalStateException if the second call did not compute {@value #NEW_KEYS}
	 * values
	 */
	public void prime(Function<List<String>, List<String>> contender, LongSupplier computed, Supplier<String> state) {
		List<String> first = next();
		if (!contender.apply(first).equals(first.stream().map(Values::of).toList())) {
			throw new IllegalStateException("The batch call returned wrong values");
		}
		long before = computed.getAsLong();
		contender.apply(next());
		long computedByMovingOnce = computed.getAsLong() - before;
		if (computedByMovingOnce != NEW_KEYS) {
			throw new IllegalStateException("A call after the first must compute " + NEW_KEYS + " values, computed "
					+ computedByMovingOnce + "; " + state.get());
		}
	}

}
