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
 * Committed writes into a store of {@value DiskData.ENTRIES} entries: one put, or a batch
 * of {@value #BATCH} puts in one commit, each of {@value DiskData#VALUE_SIZE} bytes under
 * a key picked uniformly among the stored ones (so the store keeps its size).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DiskWriteBenchmark {

	/** Puts per batch. */
	public static final int BATCH = 100;

	/** The engine under test. */
	@Param({ "MVSTORE", "ROCKSDB", "LMDB", "SQLITE" })
	public Engine engine;

	/** What each commit survives. */
	@Param({ "PROCESS", "FSYNC" })
	public Durability durability;

	private DiskFixture fixture;

	private final String[] batchKeys = new String[BATCH];

	private final byte[][] batchValues = new byte[BATCH][];

	@Setup(Level.Trial)
	public void open() {
		this.fixture = DiskFixture.open(this.engine, this.durability);
	}

	@TearDown(Level.Trial)
	public void close() {
		this.fixture.close();
	}

	@Benchmark
	public void put(Picker picker) {
		int index = picker.next();
		this.fixture.store().put(this.fixture.key(index), this.fixture.value(index + 1));
	}

	@Benchmark
	public void putBatch100(Picker picker) {
		for (int i = 0; i < BATCH; i++) {
			int index = picker.next();
			this.batchKeys[i] = this.fixture.key(index);
			this.batchValues[i] = this.fixture.value(index + 1);
		}
		this.fixture.store().putAll(this.batchKeys, this.batchValues);
	}

}
