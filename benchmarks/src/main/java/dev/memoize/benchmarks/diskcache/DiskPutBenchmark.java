package dev.memoize.benchmarks.diskcache;

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
 * A put: every call has an id not seen before, so the contender misses, runs the trivial
 * body and writes the result to its disk store. The stores start empty and are large
 * enough that nothing is evicted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DiskPutBenchmark {

	/** The cached service under test. */
	@Param({ "MEMOIZE_DISK", "MEMOIZE_MEMORY_AND_DISK", "EHCACHE_HEAP_AND_DISK", "EHCACHE_DISK_ONLY" })
	public Contender contender;

	private DiskContenders contenders;

	private Documents documents;

	@Setup(Level.Trial)
	public void start() {
		this.contenders = new DiskContenders();
		this.documents = this.contenders.documents(this.contender);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.contenders.close();
	}

	@Benchmark
	public String text(Counter counter) {
		return this.documents.text(counter.nextId());
	}

	@Benchmark
	public Summary summary(Counter counter) {
		return this.documents.summary(counter.nextId());
	}

	/**
	 * Gives every call an id not seen before, one sequence per thread.
	 */
	@State(Scope.Thread)
	public static class Counter {

		private final String prefix = "thread-" + Thread.currentThread().getId() + "-";

		private long next;

		String nextId() {
			return Content.id(this.next++) + this.prefix;
		}

	}

}
