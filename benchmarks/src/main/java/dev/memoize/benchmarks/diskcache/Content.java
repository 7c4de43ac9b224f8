package dev.memoize.benchmarks.diskcache;

import java.util.List;

/**
 * The trivial method bodies every contender caches, so that a put measures the cache and
 * not the work, and the number of entries pre-loaded before hits are measured.
 */
final class Content {

	/** Entries of each kind stored before hits are measured. */
	static final int ENTRIES = 10_000;

	/** Length of every text value. */
	static final int TEXT_LENGTH = 1024;

	private static final String FILLER = "lorem ipsum dolor sit amet ".repeat(TEXT_LENGTH / 20);

	private static final List<String> TAGS = List.of("report", "quarterly", "finance");

	private Content() {
	}

	static String text(String id) {
		return id + FILLER.substring(0, TEXT_LENGTH - id.length());
	}

	static Summary summary(String id) {
		return new Summary(id, "Quarterly report " + id, 1234, 1735689600000L, TAGS);
	}

	static String id(long number) {
		return "document-" + number;
	}

}
