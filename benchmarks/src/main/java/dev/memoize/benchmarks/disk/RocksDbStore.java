package dev.memoize.benchmarks.disk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * RocksDB with its write-ahead log on (never {@code disableWAL}): a put returns once its
 * record is written to the log with {@code write(2)}. {@link Durability#FSYNC} sets
 * {@code WriteOptions.sync}, which syncs the log before returning. LZ4 compression, a
 * bloom filter and a 32 MiB block cache, as the backend opens it.
 */
final class RocksDbStore implements KeyValueStore {

	static {
		RocksDB.loadLibrary();
	}

	private final Options options;

	private final WriteOptions writeOptions;

	private final RocksDB db;

	RocksDbStore(Path directory, Durability durability) {
		this.options = new Options().setCreateIfMissing(true)
			.setCompressionType(CompressionType.LZ4_COMPRESSION)
			.setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10))
				.setBlockCache(new LRUCache(32L * 1024 * 1024)));
		this.writeOptions = new WriteOptions().setSync(durability == Durability.FSYNC);
		try {
			this.db = RocksDB.open(this.options, directory.toString());
		}
		catch (RocksDBException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public byte[] get(String key) {
		try {
			return this.db.get(bytes(key));
		}
		catch (RocksDBException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void put(String key, byte[] value) {
		try {
			this.db.put(this.writeOptions, bytes(key), value);
		}
		catch (RocksDBException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void putAll(String[] keys, byte[][] values) {
		try (WriteBatch batch = new WriteBatch()) {
			for (int i = 0; i < keys.length; i++) {
				batch.put(bytes(keys[i]), values[i]);
			}
			this.db.write(this.writeOptions, batch);
		}
		catch (RocksDBException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Moves everything written so far from the memtable into sorted files, as a store
	 * that has run for a while has them.
	 */
	void settle() {
		try {
			this.db.compactRange();
		}
		catch (RocksDBException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Compacts every column family of the closed database in a directory, as
	 * {@link #settle()} does.
	 * @param directory the directory
	 */
	static void compact(Path directory) {
		try (Options options = new Options()) {
			List<ColumnFamilyDescriptor> families = new ArrayList<>();
			for (byte[] name : RocksDB.listColumnFamilies(options, directory.toString())) {
				families.add(new ColumnFamilyDescriptor(name));
			}
			List<ColumnFamilyHandle> handles = new ArrayList<>();
			try (DBOptions dbOptions = new DBOptions();
					RocksDB db = RocksDB.open(dbOptions, directory.toString(), families, handles)) {
				for (ColumnFamilyHandle handle : handles) {
					db.compactRange(handle);
					handle.close();
				}
			}
		}
		catch (RocksDBException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.db.close();
		this.writeOptions.close();
		this.options.close();
	}

}
