package dev.memoize.benchmarks.diskcache;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
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
 * Runs every disk cache benchmark for every contender once, briefly, in this JVM and on
 * 100 pre-loaded entries, so that a benchmark that no longer starts or fails on its first
 * call breaks the build. Asserts no timing: the figures of so short a run mean nothing.
 */
class DiskCacheBenchmarksSmokeTests {

	@Test
	void everyDiskCacheBenchmarkRunsForEveryContenderAndReportsAScore() throws RunnerException {
		Options options = new OptionsBuilder().include("dev\\.memoize\\.benchmarks\\.diskcache\\.")
			.param("entries", "100")
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(100))
			.shouldFailOnError(true)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		Set<String> runs = results.stream()
			.map((result) -> shortName(result.getParams().getBenchmark()) + " "
					+ result.getParams().getParam("contender"))
			.collect(Collectors.toSet());
		Set<String> expected = new HashSet<>();
		for (String benchmark : List.of("DiskHitBenchmark.text", "DiskHitBenchmark.summary", "DiskPutBenchmark.text",
				"DiskPutBenchmark.summary")) {
			for (Contender contender : Contender.values()) {
				expected.add(benchmark + " " + contender);
			}
		}
		assertThat(expected).hasSize(16);
		assertThat(runs).isEqualTo(expected);
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

	private static String shortName(String benchmark) {
		return benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
	}

}
