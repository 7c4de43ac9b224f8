package dev.memoize.backend.disk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code disk} backend: entries in an embedded RocksDB store in one directory,
 * persistent across restarts and crash-safe, bounded by a size limit with
 * least-recently-used eviction.
 *
 * <ul>
 * <li>Each entry is one record under its key (see {@link RecordCodec}): a version byte,
 * the entry with its inputs and metadata as JSON and its values byte for byte, and a
 * CRC32C. A record that fails its checksum or cannot be decoded reads as a miss and is
 * deleted; it is never thrown to the caller.</li>
 * <li>A write returns once it is in RocksDB's write-ahead log: it survives a crash or
 * kill of the process (not necessarily a power loss). Reopening the directory sees every
 * write that returned.</li>
 * <li>The size limit bounds the approximate bytes of the entries: their keys, records and
 * recency stamps before compression. Beyond it, the least recently read or written
 * entries are evicted and reported to the context's eviction listener. The recency order
 * is kept in the heap (about 200 bytes per entry); the tick of each write is stored with
 * the record and the ticks of reads are stored in pages of {@value #TOUCH_BATCH}, so the
 * order is rebuilt when the directory is opened again (a crash may forget the last reads,
 * never an entry).</li>
 * <li>Expiry is decided by the context's clock: an expired entry is never returned and is
 * deleted when met.</li>
 * <li>{@link #scan} visits the records in key order; the cursor is the last key
 * examined.</li>
 * <li>One open backend per directory: RocksDB locks it, and opening a directory that
 * another process or another open backend holds fails.</li>
 * </ul>
 *
 * <p>
 * Thread-safe. Reads never throw; other methods throw {@link BackendException} when the
 * store fails or the backend is closed.
 */
public class DiskBackend implements CacheBackend {

	private static final Logger logger = LoggerFactory.getLogger(DiskBackend.class);

	/** Reads whose recency is stored together in one page. */
	static final int TOUCH_BATCH = 1024;

	/** Pages written together when the pages of reads are rewritten. */
	private static final int PAGES_PER_WRITE = 64;

	/** Records a scan examines beyond its page size before it returns a shorter page. */
	private static final int SCAN_BUDGET = 10_000;

	/** Keys deleted per write when clearing. */
	private static final int CLEAR_BATCH = 1000;

	private final String cacheName;

	private final Path directory;

	private final long sizeLimit;

	private final Clock clock;

	private final Consumer<String> evictionListener;

	private final BiConsumer<String, String> corruptionListener;

	private final RecordCodec codec = new RecordCodec(JsonMapper.builder().build());

	private final DiskStore store;

	private final RecencyList recency;

	/** Guards {@link #recency} and keeps the store's changes in step with it. */
	private final ReentrantLock writeLock = new ReentrantLock();

	/** Read-held by every operation, write-held by {@link #close()}. */
	private final ReentrantReadWriteLock openLock = new ReentrantReadWriteLock();

	private boolean closed;

	/** Sequence number of the next page of reads; guarded by the write lock. */
	private long nextPage;

	/** How many pages of reads are stored; guarded by the write lock. */
	private long storedPages;

	private final AtomicLong corruptRecords = new AtomicLong();

	/**
	 * Opens the store in a directory, creating the directory when missing, and rebuilds
	 * the recency order from it.
	 * @param directory the directory of the store
	 * @param sizeLimit the most bytes of entries kept, at least 1
	 * @param context the cache name, clock and eviction listener
	 * @throws IllegalArgumentException if the size limit is not positive
	 * @throws BackendException if the directory cannot be created, is locked by another
	 * process or open backend, or the store cannot be opened
	 */
	public DiskBackend(Path directory, long sizeLimit, BackendContext context) {
		if (sizeLimit < 1) {
			throw new IllegalArgumentException("sizeLimit must be at least 1 byte, was " + sizeLimit);
		}
		this.cacheName = context.cacheName();
		this.directory = directory.toAbsolutePath().normalize();
		this.sizeLimit = sizeLimit;
		this.clock = context.clock();
		this.evictionListener = context.evictionListener();
		this.corruptionListener = context.corruptionListener();
		this.store = openStore();
		try {
			this.recency = RecencyList.restore(readStamps(), readPages());
			if (this.storedPages > pageBudget()) {
				rewriteReads();
			}
			List<String> evicted = evict();
			evicted.forEach(this.evictionListener);
		}
		catch (RocksDBException | RuntimeException ex) {
			this.store.close();
			throw failure("open " + this.directory, ex);
		}
	}

	private DiskStore openStore() {
		try {
			Files.createDirectories(this.directory);
			return DiskStore.open(this.directory);
		}
		catch (IOException ex) {
			throw new BackendException("Disk cache '" + this.cacheName + "' cannot create its directory "
					+ this.directory + ": " + ex.getMessage(), ex);
		}
		catch (RocksDBException ex) {
			if (DiskStore.isLocked(ex)) {
				throw new BackendException("Disk cache '" + this.cacheName + "' cannot open " + this.directory
						+ ": the directory is in use by another process or another open cache; give each cache "
						+ "and each application instance its own directory (" + ex.getMessage() + ")", ex);
			}
			throw failure("open " + this.directory, ex);
		}
	}

	private List<RecencyList.Stamp> readStamps() throws RocksDBException {
		List<RecencyList.Stamp> stamps = new ArrayList<>();
		List<byte[]> unstamped = new ArrayList<>();
		try (RocksIterator iterator = this.store.stampIterator()) {
			for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
				String key = text(iterator.key());
				RecencyList.Stamp stamp = RecencyList.Stamp.read(key, iterator.value());
				if (stamp != null) {
					stamps.add(stamp);
				}
				else {
					unstamped.add(iterator.key());
				}
			}
			iterator.status();
		}
		for (byte[] key : unstamped) {
			byte[] record = this.store.record(key);
			if (record != null) {
				stamps.add(new RecencyList.Stamp(text(key), 0, footprint(key, record)));
			}
		}
		return stamps;
	}

	private List<ReadPages.Read> readPages() throws RocksDBException {
		List<ReadPages.Read> reads = new ArrayList<>();
		try (RocksIterator iterator = this.store.readPageIterator()) {
			for (iterator.seekToFirst(); iterator.isValid(); iterator.next()) {
				long sequence = ReadPages.sequence(iterator.key());
				if (sequence >= 0) {
					ReadPages.decode(iterator.value(), reads);
					this.nextPage = Math.max(this.nextPage, sequence + 1);
					this.storedPages++;
				}
			}
			iterator.status();
		}
		return reads;
	}

	/**
	 * The directory of the store.
	 * @return the absolute directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * The most bytes of entries kept.
	 * @return the size limit
	 */
	public long sizeLimit() {
		return this.sizeLimit;
	}

	/**
	 * The approximate bytes of the entries stored now, as counted against the size limit.
	 * @return the bytes
	 */
	public long storedBytes() {
		this.writeLock.lock();
		try {
			return this.recency.totalBytes();
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * How many damaged records this backend met and deleted since it was opened.
	 * @return the count
	 */
	long corruptRecords() {
		return this.corruptRecords.get();
	}

	/**
	 * How many pages of read ticks are stored.
	 * @return the count
	 */
	long storedReadPages() {
		this.writeLock.lock();
		try {
			return this.storedPages;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	@Override
	public boolean storesLiveObjects() {
		return false;
	}

	@Override
	public Lookup get(MemoKey key) {
		Lock open = this.openLock.readLock();
		open.lock();
		try {
			if (this.closed) {
				return Lookup.failure(closedException());
			}
			byte[] record = this.store.record(bytes(key.key()));
			return (record != null) ? found(key.key(), record) : Lookup.miss();
		}
		catch (RocksDBException | RuntimeException ex) {
			return Lookup.failure(failure("read", ex));
		}
		finally {
			open.unlock();
		}
	}

	@Override
	public Map<String, Lookup> getAll(Collection<MemoKey> keys) {
		Map<String, Lookup> lookups = new LinkedHashMap<>();
		List<String> distinct = keys.stream().map(MemoKey::key).distinct().toList();
		Lock open = this.openLock.readLock();
		open.lock();
		try {
			if (this.closed) {
				throw closedException();
			}
			List<byte[]> records = this.store.records(distinct.stream().map(DiskBackend::bytes).toList());
			for (int i = 0; i < distinct.size(); i++) {
				byte[] record = records.get(i);
				lookups.put(distinct.get(i), (record != null) ? found(distinct.get(i), record) : Lookup.miss());
			}
		}
		catch (RocksDBException | RuntimeException ex) {
			Lookup failure = Lookup.failure(failure("read", ex));
			distinct.forEach((key) -> lookups.put(key, failure));
		}
		finally {
			open.unlock();
		}
		return lookups;
	}

	private Lookup found(String key, byte[] record) {
		CacheEntry entry;
		try {
			entry = this.codec.decode(key, record);
		}
		catch (CorruptRecordException ex) {
			deleteQuietly(List.of(key), ex, false);
			return Lookup.miss();
		}
		if (entry.isExpired(this.clock.instant())) {
			deleteQuietly(List.of(key), null, true);
			return Lookup.miss();
		}
		touch(key);
		return Lookup.hit(entry);
	}

	private void touch(String key) {
		this.writeLock.lock();
		try {
			if (this.recency.touch(key) && this.recency.touchedCount() >= TOUCH_BATCH) {
				storeReads();
			}
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Stores the ticks of the entries read since the last time as one page, so recency
	 * survives a restart. Best effort: a failure costs only recency after a restart, so
	 * it is logged. Called with the write lock held.
	 */
	private void storeReads() {
		List<ReadPages.Read> reads = this.recency.drainTouched();
		if (reads.isEmpty()) {
			return;
		}
		try (DiskStore.Changes changes = this.store.changes()) {
			changes.readPage(this.nextPage, ReadPages.encode(reads));
			this.store.apply(changes);
			this.nextPage++;
			this.storedPages++;
			if (this.storedPages > pageBudget()) {
				rewriteReads();
			}
		}
		catch (RocksDBException | RuntimeException ex) {
			logger.debug("Disk cache '{}' could not store the recency of read entries", this.cacheName, ex);
		}
	}

	/**
	 * The most pages of reads kept before they are rewritten: twice what the reads still
	 * relevant take, so rewriting costs reads a constant share.
	 */
	private long pageBudget() {
		return 2L * (this.recency.readSinceWrite() / TOUCH_BATCH + 1) + 16;
	}

	/**
	 * Replaces the stored pages of reads by pages of only the reads still relevant: those
	 * of entries not written since. New pages are written before old ones are deleted, so
	 * a crash in between leaves duplicates, never a loss. Called with the write lock
	 * held.
	 */
	private void rewriteReads() throws RocksDBException {
		List<ReadPages.Read> reads = this.recency.reads();
		long firstNew = this.nextPage;
		for (int start = 0; start < reads.size(); start += TOUCH_BATCH * PAGES_PER_WRITE) {
			try (DiskStore.Changes changes = this.store.changes()) {
				int end = Math.min(reads.size(), start + TOUCH_BATCH * PAGES_PER_WRITE);
				for (int page = start; page < end; page += TOUCH_BATCH) {
					changes.readPage(this.nextPage++,
							ReadPages.encode(reads.subList(page, Math.min(end, page + TOUCH_BATCH))));
				}
				this.store.apply(changes);
			}
		}
		try (DiskStore.Changes changes = this.store.changes()) {
			changes.deleteReadPages(0, firstNew);
			this.store.apply(changes);
		}
		this.storedPages = this.nextPage - firstNew;
	}

	@Override
	public void put(CacheEntry entry) {
		putAll(List.of(entry));
	}

	@Override
	public void putAll(List<CacheEntry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		List<byte[]> keys = new ArrayList<>(entries.size());
		List<byte[]> records = new ArrayList<>(entries.size());
		for (CacheEntry entry : entries) {
			keys.add(bytes(entry.key()));
			records.add(this.codec.encode(entry));
		}
		List<String> evicted;
		Lock open = this.openLock.readLock();
		open.lock();
		try {
			if (this.closed) {
				throw closedException();
			}
			evicted = write(entries, keys, records);
		}
		finally {
			open.unlock();
		}
		evicted.forEach(this.evictionListener);
	}

	private List<String> write(List<CacheEntry> entries, List<byte[]> keys, List<byte[]> records) {
		this.writeLock.lock();
		try (DiskStore.Changes changes = this.store.changes()) {
			try {
				for (int i = 0; i < entries.size(); i++) {
					byte[] stamp = this.recency.written(entries.get(i).key(), footprint(keys.get(i), records.get(i)));
					changes.put(keys.get(i), records.get(i), stamp);
				}
				this.store.apply(changes);
			}
			catch (RocksDBException | RuntimeException ex) {
				// the batch is atomic: none of it was written, so none of it is counted
				entries.forEach((entry) -> this.recency.remove(entry.key()));
				throw failure("write", ex);
			}
			return evict();
		}
		catch (RocksDBException ex) {
			throw failure("evict", ex);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Deletes least recently used entries until the stored bytes are within the limit.
	 * Called with the write lock held.
	 */
	private List<String> evict() throws RocksDBException {
		List<String> evicted = this.recency.evictBeyond(this.sizeLimit);
		if (!evicted.isEmpty()) {
			try (DiskStore.Changes changes = this.store.changes()) {
				for (String key : evicted) {
					changes.delete(bytes(key));
				}
				this.store.apply(changes);
			}
		}
		return evicted;
	}

	@Override
	public boolean remove(String key) {
		Lock open = this.openLock.readLock();
		open.lock();
		try {
			if (this.closed) {
				throw closedException();
			}
			return delete(List.of(key)) > 0;
		}
		catch (RocksDBException ex) {
			throw failure("remove " + key, ex);
		}
		finally {
			open.unlock();
		}
	}

	/**
	 * Deletes entries.
	 * @return how many of them were stored
	 */
	private int delete(List<String> keys) throws RocksDBException {
		this.writeLock.lock();
		try (DiskStore.Changes changes = this.store.changes()) {
			for (String key : keys) {
				changes.delete(bytes(key));
			}
			this.store.apply(changes);
			int removed = 0;
			for (String key : keys) {
				removed += this.recency.remove(key) ? 1 : 0;
			}
			return removed;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Deletes entries found expired or damaged while reading, without failing the read.
	 */
	private void deleteQuietly(List<String> keys, CorruptRecordException corruption, boolean expired) {
		if (keys.isEmpty()) {
			return;
		}
		if (corruption != null) {
			this.corruptRecords.addAndGet(keys.size());
			logger.warn("Disk cache '{}' deletes a damaged record: {}", this.cacheName, corruption.getMessage());
			keys.forEach((key) -> this.corruptionListener.accept(key, corruption.getMessage()));
		}
		try {
			delete(keys);
		}
		catch (RocksDBException | RuntimeException ex) {
			logger.debug("Disk cache '{}' could not delete {}", this.cacheName, keys, ex);
			return;
		}
		if (expired) {
			keys.forEach(this.evictionListener);
		}
	}

	@Override
	public long clear(EntryFilter filter) {
		Lock open = this.openLock.readLock();
		open.lock();
		try {
			if (this.closed) {
				throw closedException();
			}
			return clearMatching(filter);
		}
		catch (RocksDBException ex) {
			throw failure("clear", ex);
		}
		finally {
			open.unlock();
		}
	}

	private long clearMatching(EntryFilter filter) throws RocksDBException {
		boolean decode = filter.func() != null || !filter.annotations().isEmpty();
		long removed = 0;
		List<String> matching = new ArrayList<>();
		List<String> corrupt = new ArrayList<>();
		try (RocksIterator iterator = this.store.recordIterator()) {
			seek(iterator, filter.keyPrefix(), null);
			for (; iterator.isValid(); iterator.next()) {
				String key = text(iterator.key());
				if (filter.keyPrefix() != null && !key.startsWith(filter.keyPrefix())) {
					break;
				}
				if (decode) {
					try {
						if (!filter.matches(this.codec.decode(key, iterator.value()))) {
							continue;
						}
					}
					catch (CorruptRecordException ex) {
						corrupt.add(key);
						continue;
					}
				}
				matching.add(key);
				if (matching.size() == CLEAR_BATCH) {
					removed += delete(matching);
					matching.clear();
				}
			}
			iterator.status();
		}
		removed += delete(matching);
		if (!corrupt.isEmpty()) {
			deleteQuietly(corrupt, new CorruptRecordException(corrupt.size() + " records met while clearing"), false);
		}
		return removed;
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		Lock open = this.openLock.readLock();
		open.lock();
		try {
			if (this.closed) {
				throw closedException();
			}
			return page(filter, cursor, limit);
		}
		catch (RocksDBException ex) {
			throw failure("scan", ex);
		}
		finally {
			open.unlock();
		}
	}

	private EntryPage page(EntryFilter filter, String cursor, int limit) throws RocksDBException {
		Instant now = this.clock.instant();
		List<CacheEntry> entries = new ArrayList<>();
		List<String> expired = new ArrayList<>();
		List<String> corrupt = new ArrayList<>();
		CorruptRecordException corruption = null;
		String lastExamined = null;
		boolean more = false;
		int examined = 0;
		try (RocksIterator iterator = this.store.recordIterator()) {
			seek(iterator, filter.keyPrefix(), cursor);
			for (; iterator.isValid(); iterator.next()) {
				String key = text(iterator.key());
				if (filter.keyPrefix() != null && !key.startsWith(filter.keyPrefix())) {
					break;
				}
				if (entries.size() == limit || examined == limit + SCAN_BUDGET) {
					more = true;
					break;
				}
				examined++;
				lastExamined = key;
				try {
					CacheEntry entry = this.codec.decode(key, iterator.value());
					if (entry.isExpired(now)) {
						expired.add(key);
					}
					else if (filter.matches(entry)) {
						entries.add(entry);
					}
				}
				catch (CorruptRecordException ex) {
					corrupt.add(key);
					corruption = ex;
				}
			}
			iterator.status();
		}
		deleteQuietly(expired, null, true);
		deleteQuietly(corrupt, corruption, false);
		return new EntryPage(entries, more ? lastExamined : null);
	}

	/**
	 * Places an iterator on the first key after the cursor that may start with the
	 * prefix.
	 */
	private static void seek(RocksIterator iterator, String prefix, String cursor) {
		byte[] start = (prefix != null) ? bytes(prefix) : null;
		if (cursor != null) {
			byte[] after = bytes(cursor);
			if (start == null || Arrays.compareUnsigned(after, start) >= 0) {
				iterator.seek(after);
				if (iterator.isValid() && Arrays.equals(iterator.key(), after)) {
					iterator.next();
				}
				return;
			}
		}
		if (start != null) {
			iterator.seek(start);
		}
		else {
			iterator.seekToFirst();
		}
	}

	@Override
	public long size() {
		Lock open = this.openLock.readLock();
		open.lock();
		try {
			if (this.closed) {
				throw closedException();
			}
			this.writeLock.lock();
			try {
				return this.recency.size();
			}
			finally {
				this.writeLock.unlock();
			}
		}
		finally {
			open.unlock();
		}
	}

	/**
	 * Stores the recency of recent reads and closes the store, releasing the directory.
	 * Later calls do nothing.
	 */
	@Override
	public void close() {
		Lock open = this.openLock.writeLock();
		open.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.writeLock.lock();
			try {
				storeReads();
			}
			finally {
				this.writeLock.unlock();
			}
			this.store.close();
		}
		finally {
			open.unlock();
		}
	}

	private BackendException closedException() {
		return new BackendException("Disk cache '" + this.cacheName + "' is closed", null);
	}

	private BackendException failure(String operation, Exception ex) {
		if (ex instanceof BackendException backendException) {
			return backendException;
		}
		return new BackendException(
				"Disk cache '" + this.cacheName + "' failed to " + operation + ": " + ex.getMessage(), ex);
	}

	private static int footprint(byte[] key, byte[] record) {
		long bytes = 2L * key.length + record.length + RecencyList.STAMP_SIZE;
		return (int) Math.min(bytes, Integer.MAX_VALUE);
	}

	private static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
