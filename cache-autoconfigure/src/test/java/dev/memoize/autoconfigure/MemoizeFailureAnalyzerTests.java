package dev.memoize.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

import dev.memoize.MemoizeException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link MemoizeFailureAnalyzer}.
 */
class MemoizeFailureAnalyzerTests {

	@Test
	void analyzerExplainsAMemoizeExceptionFoundInTheCauses() {
		MemoizeException cause = new MemoizeException("@Memoize on com.acme.Service.ask(String): bad ttl");
		FailureAnalysis analysis = new MemoizeFailureAnalyzer()
			.analyze(new BeanCreationException("service", "creation failed", cause));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo(cause.getMessage());
		assertThat(analysis.getAction()).contains("@Memoize").contains("memoize.*");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void analyzerIgnoresOtherFailures() {
		assertThat(new MemoizeFailureAnalyzer().analyze(new IllegalStateException("unrelated"))).isNull();
	}

	@Test
	void analyzerIsRegisteredWithSpringBoot() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, ArgumentResolver.none(), (type, implementation, failure) -> {
			})).hasAtLeastOneElementOfType(MemoizeFailureAnalyzer.class);
	}

}
