package dev.memoize.benchmarks.jdbc;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every PostgreSQL benchmark once, briefly and in this JVM, against the real
 * PostgreSQL, so that a benchmark that no longer starts or fails on its first call breaks
 * the build. Asserts no timing: the figures of so short a run mean nothing.
 */
class JdbcBenchmarksSmokeTests {

	@Test
	void everyPostgresqlBenchmarkRunsAndReportsAScore() throws RunnerException {
		Options options = new OptionsBuilder().include("dev\\.memoize\\.benchmarks\\.jdbc\\.")
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(100))
			.shouldFailOnError(true)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		Set<String> names = results.stream()
			.map((result) -> result.getParams().getBenchmark())
			.map((name) -> name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1))
			.collect(Collectors.toSet());
		assertThat(names).containsExactlyInAnyOrder("JdbcHitBenchmark.memoize", "JdbcHitBenchmark.jdbcTemplateSelect",
				"JdbcBatchBenchmark.memoizeBatch", "JdbcBatchBenchmark.springCacheableLoop");
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

}
