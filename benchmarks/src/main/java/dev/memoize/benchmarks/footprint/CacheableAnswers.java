package dev.memoize.benchmarks.footprint;

import org.springframework.cache.annotation.Cacheable;

/**
 * {@link Answers} cached by Spring's {@code @Cacheable} in a Caffeine cache of a
 * {@code CaffeineCacheManager}, keyed by a {@code SimpleKey} of both arguments.
 */
public class CacheableAnswers implements Answers {

	/** Name of the Spring cache. */
	static final String CACHE = "answers";

	private long calls;

	@Override
	@Cacheable(CACHE)
	public String answer(String prompt, String model) {
		this.calls++;
		return Answers.compute(prompt, model);
	}

	@Override
	public long calls() {
		return this.calls;
	}

}
