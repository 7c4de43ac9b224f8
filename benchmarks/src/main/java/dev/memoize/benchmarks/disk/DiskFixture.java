package dev.memoize.benchmarks.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A store of one engine in a fresh temporary directory, filled with {@link #ENTRIES}
 * entries of {@link #VALUE_SIZE} random (incompressible) bytes under 64-hex keys, as a
 * memoization cache holds them.
 */
final class DiskFixture implements AutoCloseable {

	/** How many entries the store holds. */
	static final int ENTRIES = 100_000;

	/** Size of every value. */
	static final int VALUE_SIZE = 1024;

	private static final int DISTINCT_VALUES = 4096;

	private static final int LOAD_BATCH = 1000;

	private final Path directory;

	private final KeyValueStore store;

	private final String[] keys = new String[ENTRIES];

	private final byte[][] values = new byte[DISTINCT_VALUES][VALUE_SIZE];

	private DiskFixture(Engine engine, Durability durability) throws IOException {
		SplittableRandom random = new SplittableRandom(42);
		for (byte[] value : this.values) {
			random.nextBytes(value);
		}
		for (int i = 0; i < ENTRIES; i++) {
			this.keys[i] = sha256Hex("entry-" + i);
		}
		this.directory = Files.createTempDirectory("memoize-disk-benchmark-");
		this.store = engine.open(this.directory, durability);
		load();
		if (this.store instanceof RocksDbStore rocksDb) {
			rocksDb.settle();
		}
	}

	/**
	 * Opens a filled store.
	 * @param engine the engine
	 * @param durability what each commit survives
	 * @return the fixture
	 */
	static DiskFixture open(Engine engine, Durability durability) {
		try {
			return new DiskFixture(engine, durability);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void load() {
		String[] batchKeys = new String[LOAD_BATCH];
		byte[][] batchValues = new byte[LOAD_BATCH][];
		for (int start = 0; start < ENTRIES; start += LOAD_BATCH) {
			for (int i = 0; i < LOAD_BATCH; i++) {
				batchKeys[i] = this.keys[start + i];
				batchValues[i] = value(start + i);
			}
			this.store.putAll(batchKeys, batchValues);
		}
	}

	KeyValueStore store() {
		return this.store;
	}

	String key(int index) {
		return this.keys[index];
	}

	byte[] value(int index) {
		return this.values[index % DISTINCT_VALUES];
	}

	private static String sha256Hex(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.store.close();
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
