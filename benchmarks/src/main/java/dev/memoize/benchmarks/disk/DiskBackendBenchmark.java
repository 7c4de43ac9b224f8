package dev.memoize.benchmarks.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

import dev.memoize.CacheEntry;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.Lookup;
import dev.memoize.backend.disk.DiskBackend;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;

/**
 * The {@code disk} backend itself on the chosen engine, with what it adds to RocksDB:
 * record encoding with JSON inputs and a checksum, recency bookkeeping for the size
 * limit. Same data and access pattern as {@link DiskReadBenchmark} and
 * {@link DiskWriteBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DiskBackendBenchmark {

	private static final String FUNC = "com.acme.Embeddings#embed(String)";

	private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

	private static final int DISTINCT_VALUES = 4096;

	private final DiskData data = new DiskData();

	private final EncodedValue[] values = new EncodedValue[DISTINCT_VALUES];

	private final List<CacheEntry> batch = new ArrayList<>();

	private Path directory;

	private DiskBackend backend;

	@Setup(Level.Trial)
	public void open() throws IOException {
		for (int i = 0; i < DISTINCT_VALUES; i++) {
			this.values[i] = jsonString(this.data.value(i));
		}
		this.directory = Files.createTempDirectory("memoize-disk-backend-benchmark-");
		this.backend = new DiskBackend(this.directory, 1L << 34, BackendContext.of("benchmark"));
		List<CacheEntry> load = new ArrayList<>();
		for (int i = 0; i < DiskData.ENTRIES; i++) {
			load.add(entry(i, i));
			if (load.size() == 1000) {
				this.backend.putAll(load);
				load.clear();
			}
		}
		this.backend.close();
		RocksDbStore.compact(this.directory);
		this.backend = new DiskBackend(this.directory, 1L << 34, BackendContext.of("benchmark"));
	}

	@TearDown(Level.Trial)
	public void close() {
		this.backend.close();
		DiskFixture.deleteRecursively(this.directory);
	}

	/**
	 * A JSON string of about {@link DiskData#VALUE_SIZE} bytes made from random bytes.
	 */
	private static EncodedValue jsonString(byte[] random) {
		byte[] json = new byte[random.length];
		json[0] = '"';
		for (int i = 1; i < json.length - 1; i++) {
			json[i] = (byte) ('a' + (random[i] & 15));
		}
		json[json.length - 1] = '"';
		return new EncodedValue(EncodedValue.JSON, json);
	}

	private CacheEntry entry(int index, int valueIndex) {
		return CacheEntry.of(this.data.key(index), FUNC, Map.of("text", "text of entry " + index),
				this.values[valueIndex % DISTINCT_VALUES], Map.of("team", "search"), CREATED, null);
	}

	@Benchmark
	public CacheEntry get(Picker picker) {
		String key = this.data.key(picker.next());
		if (this.backend.get(new MemoKey(key, FUNC, Map.of())) instanceof Lookup.Hit hit) {
			return hit.entry();
		}
		throw new IllegalStateException("A read missed: every read must hit");
	}

	@Benchmark
	public void put(Picker picker) {
		int index = picker.next();
		this.backend.put(entry(index, index + 1));
	}

	@Benchmark
	public void putBatch100(Picker picker) {
		this.batch.clear();
		for (int i = 0; i < DiskWriteBenchmark.BATCH; i++) {
			int index = picker.next();
			this.batch.add(entry(index, index + 1));
		}
		this.backend.putAll(this.batch);
	}

}
