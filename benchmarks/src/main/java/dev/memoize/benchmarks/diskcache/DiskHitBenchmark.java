package dev.memoize.benchmarks.diskcache;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A hit: {@link #entries} texts and as many summaries ({@value Content#ENTRIES} unless
 * told) are stored before measuring, then read through the contender's cached service
 * under ids picked uniformly at random.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DiskHitBenchmark {

	/** The cached service under test. */
	@Param({ "MEMOIZE_DISK", "MEMOIZE_MEMORY_AND_DISK", "EHCACHE_HEAP_AND_DISK", "EHCACHE_DISK_ONLY" })
	public Contender contender;

	/** Texts, and summaries, stored before measuring. */
	@Param({ "" + Content.ENTRIES })
	public int entries;

	private String[] ids;

	private DiskContenders contenders;

	private Documents documents;

	@Setup(Level.Trial)
	public void start() {
		this.contenders = new DiskContenders();
		this.documents = this.contenders.documents(this.contender);
		this.ids = new String[this.entries];
		for (int i = 0; i < this.entries; i++) {
			this.ids[i] = Content.id(i);
		}
		for (int pass = 0; pass < 2; pass++) {
			for (String id : this.ids) {
				this.documents.text(id);
				this.documents.summary(id);
			}
		}
		if (this.documents.calls() != 2L * this.entries) {
			throw new IllegalStateException("The second pass must only hit: the bodies of " + this.contender + " ran "
					+ this.documents.calls() + " times for " + this.entries + " ids");
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.contenders.close();
	}

	@Benchmark
	public String text(Picker picker) {
		return this.documents.text(this.ids[picker.next(this.entries)]);
	}

	@Benchmark
	public Summary summary(Picker picker) {
		return this.documents.summary(this.ids[picker.next(this.entries)]);
	}

	/**
	 * Picks stored ids uniformly at random, one sequence per thread.
	 */
	@State(Scope.Thread)
	public static class Picker {

		private final SplittableRandom random = new SplittableRandom(7);

		int next(int bound) {
			return this.random.nextInt(bound);
		}

	}

}
