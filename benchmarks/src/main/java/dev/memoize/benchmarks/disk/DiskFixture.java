package dev.memoize.benchmarks.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A store of one engine in a fresh temporary directory, filled with the
 * {@link DiskData#ENTRIES} entries of {@link DiskData}, as a memoization cache holds
 * them.
 */
final class DiskFixture implements AutoCloseable {

	private static final int LOAD_BATCH = 1000;

	private final DiskData data = new DiskData();

	private final Path directory;

	private final KeyValueStore store;

	private DiskFixture(Engine engine, Durability durability) throws IOException {
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
		for (int start = 0; start < DiskData.ENTRIES; start += LOAD_BATCH) {
			for (int i = 0; i < LOAD_BATCH; i++) {
				batchKeys[i] = key(start + i);
				batchValues[i] = value(start + i);
			}
			this.store.putAll(batchKeys, batchValues);
		}
	}

	KeyValueStore store() {
		return this.store;
	}

	String key(int index) {
		return this.data.key(index);
	}

	byte[] value(int index) {
		return this.data.value(index);
	}

	@Override
	public void close() {
		this.store.close();
		deleteRecursively(this.directory);
	}

	/**
	 * Deletes a directory and everything in it.
	 * @param directory the directory
	 */
	static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
