package dev.memoize.benchmarks.diskcache;

import org.springframework.cache.annotation.Cacheable;

/**
 * {@link Documents} cached by Spring's {@code @Cacheable} in Ehcache caches with a heap
 * tier large enough for every entry over a persistent disk tier.
 */
public class TieredEhcacheDocuments implements Documents {

	/** Cache of the texts. */
	static final String TEXTS = "tiered-texts";

	/** Cache of the summaries. */
	static final String SUMMARIES = "tiered-summaries";

	private long calls;

	@Override
	@Cacheable(TEXTS)
	public String text(String id) {
		this.calls++;
		return Content.text(id);
	}

	@Override
	@Cacheable(SUMMARIES)
	public Summary summary(String id) {
		this.calls++;
		return Content.summary(id);
	}

	@Override
	public long calls() {
		return this.calls;
	}

}
