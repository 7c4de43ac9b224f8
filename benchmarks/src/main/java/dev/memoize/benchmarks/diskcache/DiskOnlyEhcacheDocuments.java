package dev.memoize.benchmarks.diskcache;

import org.springframework.cache.annotation.Cacheable;

/**
 * {@link Documents} cached by Spring's {@code @Cacheable} in Ehcache caches with a
 * persistent disk tier only, so that every hit reads the disk store.
 */
public class DiskOnlyEhcacheDocuments implements Documents {

	/** Cache of the texts. */
	static final String TEXTS = "disk-texts";

	/** Cache of the summaries. */
	static final String SUMMARIES = "disk-summaries";

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
