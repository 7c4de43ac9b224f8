package dev.memoize.benchmarks.remote;

/**
 * The trivial method body every contender memoizes: a {@value #LENGTH}-character string
 * made from the argument, so that the cache and not the work is measured.
 */
public final class Values {

	/** The length of every value. */
	public static final int LENGTH = 100;

	private static final String FILLER = "-".repeat(LENGTH);

	private Values() {
	}

	/**
	 * The value of an argument.
	 * @param key the argument
	 * @return {@code "value of <key> "} padded or cut to {@value #LENGTH} characters
	 */
	public static String of(String key) {
		return ("value of " + key + " " + FILLER).substring(0, LENGTH);
	}

}
