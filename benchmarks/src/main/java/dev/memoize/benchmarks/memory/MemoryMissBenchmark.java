package dev.memoize.benchmarks.memory;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A miss with a trivial method body: every call has a new string argument, so each
 * contender computes the key, runs the body, stores the result and, once full at
 * {@link Work#MAX_ENTRIES}, evicts. Caffeine's {@code get(key, function)} is the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MemoryMissBenchmark {

	private MemoryContenders contenders;

	@Setup(Level.Trial)
	public void start() {
		this.contenders = new MemoryContenders();
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.contenders.close();
	}

	@Benchmark
	public String memoize(Counter counter) {
		return this.contenders.memoized.lookup(counter.nextKey());
	}

	@Benchmark
	public String springCacheable(Counter counter) {
		return this.contenders.cacheable.lookup(counter.nextKey());
	}

	@Benchmark
	public String caffeineGet(Counter counter) {
		return this.contenders.caffeine.get(counter.nextKey(), Work::compute);
	}

	/**
	 * Gives every call a key not seen before, one sequence per thread.
	 */
	@State(Scope.Thread)
	public static class Counter {

		private final String prefix = "prompt of thread " + Thread.currentThread().getId() + " number ";

		private long next;

		String nextKey() {
			return this.prefix + this.next++;
		}

	}

}
