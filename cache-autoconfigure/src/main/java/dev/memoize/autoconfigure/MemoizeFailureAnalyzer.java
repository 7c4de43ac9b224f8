package dev.memoize.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.memoize.MemoizeException;

/**
 * Explains a start-up failure caused by a misused {@code @Memoize} or a Memoize
 * misconfiguration.
 */
class MemoizeFailureAnalyzer extends AbstractFailureAnalyzer<MemoizeException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MemoizeException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the @Memoize declarations or the memoize.* properties named above.", cause);
	}

}
