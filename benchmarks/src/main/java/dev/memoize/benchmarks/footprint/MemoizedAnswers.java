package dev.memoize.benchmarks.footprint;

import dev.memoize.Memoize;

/**
 * {@link Answers} memoized by Memoize in its default cache of type {@code memory}.
 */
public class MemoizedAnswers implements Answers {

	private long calls;

	@Override
	@Memoize
	public String answer(String prompt, String model) {
		this.calls++;
		return Answers.compute(prompt, model);
	}

	@Override
	public long calls() {
		return this.calls;
	}

}
