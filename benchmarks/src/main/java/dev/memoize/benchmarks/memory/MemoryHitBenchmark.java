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
 * A hit: the same {@link #KEYS} string arguments, stored before measuring, read through a
 * {@code @Memoize} method, a {@code @Cacheable} method and Caffeine's
 * {@code getIfPresent}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MemoryHitBenchmark {

	/** How many distinct arguments are read, in turn. */
	static final int KEYS = 1024;

	private final String[] keys = new String[KEYS];

	private MemoryContenders contenders;

	@Setup(Level.Trial)
	public void start() {
		this.contenders = new MemoryContenders();
		for (int i = 0; i < KEYS; i++) {
			this.keys[i] = "prompt number " + i;
		}
		for (int pass = 0; pass < 2; pass++) {
			for (String key : this.keys) {
				this.contenders.memoized.lookup(key);
				this.contenders.cacheable.lookup(key);
				this.contenders.caffeine.get(key, Work::compute);
			}
		}
		if (this.contenders.memoized.calls() != KEYS || this.contenders.cacheable.calls() != KEYS) {
			throw new IllegalStateException("The second pass must only hit: @Memoize ran "
					+ this.contenders.memoized.calls() + " times, @Cacheable " + this.contenders.cacheable.calls());
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.contenders.close();
	}

	@Benchmark
	public String memoize(Cursor cursor) {
		return this.contenders.memoized.lookup(this.keys[cursor.next()]);
	}

	@Benchmark
	public String springCacheable(Cursor cursor) {
		return this.contenders.cacheable.lookup(this.keys[cursor.next()]);
	}

	@Benchmark
	public String caffeineGetIfPresent(Cursor cursor) {
		return this.contenders.caffeine.getIfPresent(this.keys[cursor.next()]);
	}

	/**
	 * Walks the arguments in turn, one walk per thread.
	 */
	@State(Scope.Thread)
	public static class Cursor {

		private int index;

		int next() {
			this.index = (this.index + 1) & (KEYS - 1);
			return this.index;
		}

	}

}
