package dev.memoize.benchmarks.diskcache;

import dev.memoize.Memoize;

/**
 * {@link Documents} memoized by Memoize in its {@value #CACHE} cache of type
 * {@code layered}: a {@code memory} cache holding every entry over the {@code disk} cache
 * of {@link MemoizedDocuments}, written through, the counterpart of Ehcache's heap tier
 * over its disk tier.
 */
public class LayeredMemoizedDocuments implements Documents {

	/** Name of the layered Memoize cache. */
	static final String CACHE = "documents-tiered";

	/** Name of its memory layer. */
	static final String HEAP_LAYER = "documents-heap";

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
