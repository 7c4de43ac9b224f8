package dev.memoize.benchmarks.redis;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.api.sync.RedisCommands;
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
 * A hit on Redis: the same {@link #KEYS} string arguments, each with a 100-character
 * value stored before measuring, read through a {@code @Memoize} method (cache of type
 * {@code redis}), a {@code @Cacheable} method ({@code RedisCacheManager}), and a raw
 * Lettuce synchronous {@code GET} of the very keys Memoize wrote, so of the same bytes
 * (the floor: one round trip, no decoding).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RedisHitBenchmark {

	/** How many distinct arguments are read, in turn. */
	static final int KEYS = 1024;

	private final String[] keys = new String[KEYS];

	private byte[][] memoizeKeys;

	private RedisCommands<byte[], byte[]> lettuce;

	private RedisContenders contenders;

	@Setup(Level.Trial)
	public void start() {
		this.contenders = new RedisContenders();
		try {
			fill();
		}
		catch (RuntimeException ex) {
			this.contenders.close();
			throw ex;
		}
	}

	private void fill() {
		for (int i = 0; i < KEYS; i++) {
			this.keys[i] = "prompt number " + i;
		}
		for (int pass = 0; pass < 2; pass++) {
			for (String key : this.keys) {
				this.contenders.memoized.lookup(key);
				this.contenders.cacheable.lookup(key);
			}
		}
		if (this.contenders.memoized.computed() != KEYS || this.contenders.cacheable.computed() != KEYS) {
			throw new IllegalStateException(
					"The second pass must only hit: @Memoize computed " + this.contenders.memoized.computed()
							+ " values, @Cacheable " + this.contenders.cacheable.computed());
		}
		List<byte[]> written = this.contenders.memoizeKeys();
		if (written.size() != KEYS) {
			throw new IllegalStateException("Memoize should have written " + KEYS + " keys, found " + written.size());
		}
		this.memoizeKeys = written.toArray(byte[][]::new);
		this.lettuce = this.contenders.lettuce.sync();
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
	public byte[] lettuceGet(Cursor cursor) {
		return this.lettuce.get(this.memoizeKeys[cursor.next()]);
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
