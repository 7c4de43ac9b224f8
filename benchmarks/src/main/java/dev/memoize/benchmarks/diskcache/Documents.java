package dev.memoize.benchmarks.diskcache;

/**
 * A cached service as an application declares it: one method returning a text of about 1
 * KiB, one returning a small record. Each implementation counts how often its bodies ran;
 * the count is not thread-safe, which is enough for checking a single-threaded warm-up.
 */
public interface Documents {

	/**
	 * The text of a document.
	 * @param id the document id
	 * @return a text of {@value Content#TEXT_LENGTH} characters
	 */
	String text(String id);

	/**
	 * The summary of a document.
	 * @param id the document id
	 * @return the summary
	 */
	Summary summary(String id);

	/**
	 * How often a method body ran.
	 * @return the number of computations
	 */
	long calls();

}
