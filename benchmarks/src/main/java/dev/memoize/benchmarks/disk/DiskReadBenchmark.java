package dev.memoize.benchmarks.disk;

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
 * Random point reads that hit: one of {@value DiskData.ENTRIES} entries of
 * {@value DiskData#VALUE_SIZE} bytes, picked uniformly, read by its 64-hex key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DiskReadBenchmark {

	/** The engine under test. */
	@Param({ "MVSTORE", "ROCKSDB", "LMDB", "SQLITE" })
	public Engine engine;

	private DiskFixture fixture;

	@Setup(Level.Trial)
	public void open() {
		this.fixture = DiskFixture.open(this.engine, Durability.PROCESS);
	}

	@TearDown(Level.Trial)
	public void close() {
		this.fixture.close();
	}

	@Benchmark
	public byte[] get(Picker picker) {
		byte[] value = this.fixture.store().get(this.fixture.key(picker.next()));
		if (value == null) {
			throw new IllegalStateException("A read missed: every read must hit");
		}
		return value;
	}

}
