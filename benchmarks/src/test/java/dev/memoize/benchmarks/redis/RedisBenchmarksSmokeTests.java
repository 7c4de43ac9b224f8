package dev.memoize.benchmarks.redis;

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
 * Runs every Redis benchmark once, briefly and in this JVM, against the real Redis, so
 * that a benchmark that no longer starts or fails on its first call breaks the build.
 * Asserts no timing: the figures of so short a run mean nothing.
 */
class RedisBenchmarksSmokeTests {

	@Test
	void everyRedisBenchmarkRunsAndReportsAScore() throws RunnerException {
		Options options = new OptionsBuilder().include("dev\\.memoize\\.benchmarks\\.redis\\.")
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
		assertThat(names).containsExactlyInAnyOrder("RedisHitBenchmark.memoize", "RedisHitBenchmark.springCacheable",
				"RedisHitBenchmark.lettuceGet", "RedisBatchBenchmark.memoizeBatch",
				"RedisBatchBenchmark.springCacheableLoop");
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

}
