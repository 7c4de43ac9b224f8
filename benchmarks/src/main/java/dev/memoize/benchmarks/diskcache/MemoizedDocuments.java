package dev.memoize.benchmarks.diskcache;

import dev.memoize.Memoize;

/**
 * {@link Documents} memoized by Memoize in its {@value #CACHE} cache of type
 * {@code disk}.
 */
public class MemoizedDocuments implements Documents {

	/** Name of the Memoize cache. */
	static final String CACHE = "documents";

	private long calls;

	@Override
	@Memoize(cache = CACHE)
	public String text(String id) {
		this.calls++;
		return Content.text(id);
	}

	@Override
	@Memoize(cache = CACHE)
	public Summary summary(String id) {
		this.calls++;
		return Content.summary(id);
	}

	@Override
	public long calls() {
		return this.calls;
	}

}
