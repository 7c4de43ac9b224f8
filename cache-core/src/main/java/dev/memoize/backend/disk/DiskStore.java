package dev.memoize.backend.disk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB database of one disk cache, in its directory: the records by key in one
 * column family, the recency stamps by key in a second, changed together in atomic write
 * batches, and {@linkplain ReadPages pages of read ticks} in a third.
 *
 * <p>
 * Every write goes through the write-ahead log (never disabled) before it returns, so a
 * write that returned survives a crash or kill of the process; recovery replays the log
 * up to its last intact record ({@link WALRecoveryMode#PointInTimeRecovery}). The log is
 * not synced per write: a power loss may lose the last writes, never corrupt the store.
 * RocksDB locks the directory ({@code LOCK}) while it is open, against other processes
 * and other opens in this one.
 *
 * <p>
 * Thread-safe, except that nothing may be called during or after {@link #close()}.
 */
final class DiskStore implements AutoCloseable {

	static {
		RocksDB.loadLibrary();
	}

	private static final long BLOCK_CACHE_BYTES = 32L * 1024 * 1024;

	private static final byte[] RECORDS = "records".getBytes(StandardCharsets.UTF_8);

	private static final byte[] STAMPS = "stamps".getBytes(StandardCharsets.UTF_8);

	private static final byte[] READS = "reads".getBytes(StandardCharsets.UTF_8);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final WriteOptions writeOptions;

	private final RocksDB db;

	private final ColumnFamilyHandle records;

	private final ColumnFamilyHandle stamps;

	private final ColumnFamilyHandle reads;

	private DiskStore(Path directory) throws RocksDBException {
		try {
			LRUCache blockCache = track(new LRUCache(BLOCK_CACHE_BYTES));
			BloomFilter bloomFilter = track(new BloomFilter(10));
			ColumnFamilyOptions columnOptions = track(new ColumnFamilyOptions())
				.setCompressionType(CompressionType.LZ4_COMPRESSION)
				.setTableFormatConfig(
						new BlockBasedTableConfig().setBlockCache(blockCache).setFilterPolicy(bloomFilter));
			DBOptions options = track(new DBOptions()).setCreateIfMissing(true)
				.setCreateMissingColumnFamilies(true)
				.setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
				.setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
				.setKeepLogFileNum(2);
			this.writeOptions = track(new WriteOptions());
			List<ColumnFamilyDescriptor> families = List.of(
					new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnOptions),
					new ColumnFamilyDescriptor(RECORDS, columnOptions),
					new ColumnFamilyDescriptor(STAMPS, columnOptions),
					new ColumnFamilyDescriptor(READS, columnOptions));
			List<ColumnFamilyHandle> handles = new ArrayList<>();
			this.db = RocksDB.open(options, directory.toString(), families, handles);
			for (ColumnFamilyHandle handle : handles) {
				track(handle);
			}
			this.records = handles.get(1);
			this.stamps = handles.get(2);
			this.reads = handles.get(3);
		}
		catch (RocksDBException | RuntimeException ex) {
			closeResources();
			throw ex;
		}
	}

	/**
	 * Opens the store in a directory, creating it when missing.
	 * @param directory the directory
	 * @return the store
	 * @throws RocksDBException if it cannot be opened, for example when it is locked
	 */
	static DiskStore open(Path directory) throws RocksDBException {
		return new DiskStore(directory);
	}

	/**
	 * Whether an open failed because the directory is locked.
	 * @param ex the failure
	 * @return {@code true} for a lock held by this or another process
	 */
	static boolean isLocked(RocksDBException ex) {
		String message = String.valueOf(ex.getMessage());
		return message.contains("LOCK") || message.contains("lock hold");
	}

	private <T extends AutoCloseable> T track(T resource) {
		this.resources.add(resource);
		return resource;
	}

	byte[] record(byte[] key) throws RocksDBException {
		return this.db.get(this.records, key);
	}

	List<byte[]> records(List<byte[]> keys) throws RocksDBException {
		return this.db.multiGetAsList(Collections.nCopies(keys.size(), this.records), keys);
	}

	/**
	 * Iterates the records in key order (bytewise, the order of the keys' UTF-8), over a
	 * snapshot taken now. Close it.
	 * @return the iterator
	 */
	RocksIterator recordIterator() {
		return this.db.newIterator(this.records);
	}

	/**
	 * Iterates the recency stamps. Close it.
	 * @return the iterator
	 */
	RocksIterator stampIterator() {
		return this.db.newIterator(this.stamps);
	}

	/**
	 * Iterates the pages of read ticks in sequence order. Close it.
	 * @return the iterator
	 */
	RocksIterator readPageIterator() {
		return this.db.newIterator(this.reads);
	}

	/**
	 * Starts an atomic set of changes.
	 * @return the changes, to {@link #apply} and close
	 */
	Changes changes() {
		return new Changes();
	}

	/**
	 * Writes a set of changes atomically through the write-ahead log.
	 * @param changes the changes
	 * @throws RocksDBException if the write fails
	 */
	void apply(Changes changes) throws RocksDBException {
		if (changes.batch.count() > 0) {
			this.db.write(this.writeOptions, changes.batch);
		}
	}

	@Override
	public void close() {
		closeResources();
	}

	private void closeResources() {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			if (this.resources.get(i) instanceof ColumnFamilyHandle handle) {
				handle.close();
			}
		}
		if (this.db != null) {
			this.db.close();
		}
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			if (!(this.resources.get(i) instanceof ColumnFamilyHandle)) {
				try {
					this.resources.get(i).close();
				}
				catch (Exception ex) {
					// native handles only release memory; nothing to report
				}
			}
		}
		this.resources.clear();
	}

	/**
	 * Changes to write together. Not thread-safe.
	 */
	final class Changes implements AutoCloseable {

		private final WriteBatch batch = new WriteBatch();

		void put(byte[] key, byte[] record, byte[] stamp) throws RocksDBException {
			this.batch.put(DiskStore.this.records, key, record);
			this.batch.put(DiskStore.this.stamps, key, stamp);
		}

		void readPage(long sequence, byte[] page) throws RocksDBException {
			this.batch.put(DiskStore.this.reads, ReadPages.key(sequence), page);
		}

		void deleteReadPages(long fromSequence, long toSequence) throws RocksDBException {
			this.batch.deleteRange(DiskStore.this.reads, ReadPages.key(fromSequence), ReadPages.key(toSequence));
		}

		void delete(byte[] key) throws RocksDBException {
			this.batch.delete(DiskStore.this.records, key);
			this.batch.delete(DiskStore.this.stamps, key);
		}

		@Override
		public void close() {
			this.batch.close();
		}

	}

}
