package dev.memoize.benchmarks.jdbc;

import java.util.List;
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

import dev.memoize.benchmarks.remote.MemoizedLookups;

/**
 * A hit on PostgreSQL: the same {@link #KEYS} string arguments, each with a 100-character
 * value stored before measuring, read through a {@code @Memoize} method (cache of type
 * {@code jdbc}) and through a plain {@code JdbcTemplate} primary-key select of the stored
 * value of the very rows Memoize wrote, in Memoize's own table (the floor: one round trip
 * on the application's pool, no decoding).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JdbcHitBenchmark {

	/** How many distinct arguments are read, in turn. */
	static final int KEYS = 1024;

	private final String[] keys = new String[KEYS];

	private String[] memoizeKeys;

	private String primaryKeySelect;

	private JdbcContenders contenders;

	@Setup(Level.Trial)
	public void start() {
		this.contenders = new JdbcContenders();
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
			}
		}
		if (this.contenders.memoized.computed() != KEYS) {
			throw new IllegalStateException("The second pass must only hit: @Memoize computed "
					+ this.contenders.memoized.computed() + " values");
		}
		List<String> written = this.contenders.memoizeKeys();
		if (written.size() != KEYS) {
			throw new IllegalStateException("Memoize should have written " + KEYS + " rows, found " + written.size());
		}
		this.memoizeKeys = written.toArray(String[]::new);
		this.primaryKeySelect = "SELECT output_bytes FROM " + this.contenders.memoizeTable
				+ " WHERE cache_name = ? AND entry_key = ?";
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
	public byte[] jdbcTemplateSelect(Cursor cursor) {
		return this.contenders.jdbc.queryForObject(this.primaryKeySelect, byte[].class, MemoizedLookups.CACHE,
				this.memoizeKeys[cursor.next()]);
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
