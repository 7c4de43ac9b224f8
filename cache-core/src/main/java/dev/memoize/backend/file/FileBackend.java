package dev.memoize.backend.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

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
import tools.jackson.core.JacksonException;

/**
 * The {@code file} backend: one pretty-printed JSON file per entry, which a person can
 * read, diff, commit and edit. An entry whose {@code expected} value was edited by hand
 * (with {@code "annotated": true}) is served as edited.
 *
 * <p>
 * Layout: {@code <directory>/<first two characters of the key>/<key>.json}; a key that is
 * not a safe file name is stored under {@code _<SHA-256 of the key>.json} instead (the
 * file holds the key either way). The document's members are described in
 * {@link EntryDocuments}.
 *
 * <p>
 * Behaviour:
 * <ul>
 * <li>Writes are atomic: the document is written to a temporary file in the same folder,
 * then renamed over the entry file, so a reader sees the old file or the new one, never a
 * part. Files are not forced to the disk: a power loss may lose the latest writes, and a
 * file it leaves truncated reads as a miss. Temporary files left by a crashed process are
 * ignored, and deleted when a backend opens the directory once they are more than a
 * minute old (younger ones may belong to another process still writing).</li>
 * <li>A file that cannot be read as an entry (not JSON, truncated, a field missing or
 * mistyped, or holding the key of another file) is a miss: it is moved aside to
 * {@code <name>.json.unreadable}, so a hand edit gone wrong is not lost, and logged once
 * at WARN. Reads never throw it.</li>
 * <li>Expiry is decided by the context's clock: an expired entry is never returned, and
 * its file is deleted when a read or scan meets it (reported to the eviction
 * listener).</li>
 * <li>{@code maxFiles}: an in-memory index of the entry files in the order they were
 * written, built from the files' modification times when the backend opens and kept by
 * its own writes and removals, evicts the least recently written files beyond the limit.
 * Files another process writes to the same directory are served by {@link #get} and
 * {@link #scan} at once but count towards the limit only from the next open.</li>
 * <li>{@link #scan} walks the shards in name order and each shard's files in name order,
 * so pages come in key order (for keys that are safe file names, which every real key
 * is); the cursor is the last key returned. {@link #size} counts the entry files.</li>
 * </ul>
 *
 * <p>
 * Thread-safe: writes and removals of one file are serialized by a lock chosen by its
 * name among a fixed set (striping keeps unrelated keys from waiting on each other);
 * reads take no lock, which atomic renames make safe.
 */
public class FileBackend implements CacheBackend {

	private static final Logger logger = LoggerFactory.getLogger(FileBackend.class);

	/** Age from which a temporary file is taken for the leftover of a crashed write. */
	private static final Duration ABANDONED = Duration.ofMinutes(1);

	/** Number of locks the files' names are spread over. */
	private static final int STRIPES = 64;

	private final EntryFiles files;

	private final long maxFiles;

	private final BackendContext context;

	private final EntryDocuments documents = new EntryDocuments();

	private final WriteOrder writeOrder = new WriteOrder();

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	private final ReentrantLock evictionLock = new ReentrantLock();

	/**
	 * Opens a backend over a directory, creating it if needed, and indexes the files in
	 * it.
	 * @param directory the directory of the entry files
	 * @param maxFiles the most entry files kept, at least 1
	 * @param context the cache name, clock and eviction listener
	 * @throws IllegalArgumentException if {@code maxFiles} is less than 1
	 * @throws BackendException if the directory cannot be created or read
	 */
	public FileBackend(Path directory, long maxFiles, BackendContext context) {
		if (maxFiles < 1) {
			throw new IllegalArgumentException("maxFiles must be at least 1, was " + maxFiles);
		}
		this.files = new EntryFiles(directory);
		this.maxFiles = maxFiles;
		this.context = context;
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
		try {
			Files.createDirectories(directory);
			open();
		}
		catch (IOException ex) {
			throw failure("open the directory", ex);
		}
		evictOverflow();
	}

	/**
	 * The directory of the entry files.
	 * @return the directory
	 */
	public Path directory() {
		return this.files.directory();
	}

	private void open() throws IOException {
		Instant abandoned = Instant.now().minus(ABANDONED);
		List<Found> found = new ArrayList<>();
		for (String shard : shards()) {
			try (DirectoryStream<Path> children = Files.newDirectoryStream(this.files.shardFolder(shard))) {
				for (Path child : children) {
					String name = child.getFileName().toString();
					String stem = EntryFiles.stemOf(shard, name);
					if (stem != null) {
						FileTime modified = lastModified(child);
						if (modified != null) {
							found.add(new Found(stem, modified));
						}
					}
					else if (EntryFiles.isTemporary(name)) {
						deleteIfAbandoned(child, abandoned);
					}
					else if (name.endsWith(EntryFiles.SUFFIX)) {
						logger.warn("File cache '{}' ignores {}: its name is not the key of an entry of this folder",
								this.context.cacheName(), child);
					}
				}
			}
		}
		found.sort(Comparator.comparing(Found::modified).thenComparing(Found::stem));
		for (Found file : found) {
			String key = EntryFiles.isHashed(file.stem()) ? keyInFile(file.stem()) : file.stem();
			if (key != null) {
				this.writeOrder.written(file.stem(), key);
			}
		}
	}

	private static FileTime lastModified(Path file) throws IOException {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	private void deleteIfAbandoned(Path temporary, Instant abandoned) throws IOException {
		try {
			if (Files.getLastModifiedTime(temporary).toInstant().isBefore(abandoned)) {
				Files.deleteIfExists(temporary);
				logger.debug("File cache '{}' deleted {}, left by an interrupted write", this.context.cacheName(),
						temporary);
			}
		}
		catch (NoSuchFileException ex) {
			// renamed or deleted by its writer meanwhile
		}
	}

	private String keyInFile(String stem) throws IOException {
		Stored stored = read(stem);
		if (stored != null && stored.problem() != null) {
			setAside(stem, stored.problem());
			return null;
		}
		return (stored != null) ? stored.entry().key() : null;
	}

	@Override
	public boolean storesLiveObjects() {
		return false;
	}

	@Override
	public Lookup get(MemoKey key) {
		try {
			CacheEntry entry = load(EntryFiles.stem(key.key()), this.context.clock().instant());
			return (entry != null) ? Lookup.hit(entry) : Lookup.miss();
		}
		catch (IOException ex) {
			return Lookup.failure(failure("read entry " + key.key(), ex));
		}
		catch (RuntimeException ex) {
			return Lookup.failure(ex);
		}
	}

	/**
	 * Writes an entry's file atomically, then evicts the least recently written files
	 * beyond the limit.
	 * @param entry the entry, whose values are {@link dev.memoize.codec.EncodedValue}s or
	 * {@code null}
	 * @throws IllegalArgumentException if a value is a live object
	 * @throws BackendException if the file cannot be written
	 */
	@Override
	public void put(CacheEntry entry) {
		byte[] document;
		try {
			document = this.documents.write(entry);
		}
		catch (JacksonException ex) {
			throw failure("write entry " + entry.key(), ex);
		}
		String stem = EntryFiles.stem(entry.key());
		ReentrantLock lock = lockOf(stem);
		lock.lock();
		try {
			writeAtomically(this.files.file(stem), document);
			this.writeOrder.written(stem, entry.key());
		}
		catch (IOException ex) {
			throw failure("write entry " + entry.key(), ex);
		}
		finally {
			lock.unlock();
		}
		evictOverflow();
	}

	private static void writeAtomically(Path file, byte[] bytes) throws IOException {
		Path temporary = EntryFiles.temporaryFor(file);
		try {
			try {
				Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			}
			catch (NoSuchFileException ex) {
				// the first file of its shard
				Files.createDirectories(file.getParent());
				Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			}
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException | RuntimeException ex) {
			try {
				Files.deleteIfExists(temporary);
			}
			catch (IOException suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw ex;
		}
	}

	@Override
	public boolean remove(String key) {
		String stem = EntryFiles.stem(key);
		ReentrantLock lock = lockOf(stem);
		lock.lock();
		try {
			return delete(stem);
		}
		catch (IOException ex) {
			throw failure("remove entry " + key, ex);
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Removes the entry files the filter selects. A filter with no criterion but a key
	 * prefix is decided from the file names, without reading the files; such a clear
	 * counts expired entries whose files were not yet deleted.
	 * @param filter the filter
	 * @return how many files were removed
	 * @throws BackendException if the directory cannot be listed or a file removed
	 */
	@Override
	public long clear(EntryFilter filter) {
		Instant now = this.context.clock().instant();
		long removed = 0;
		try {
			for (String shard : shards()) {
				if (!EntryFiles.mayHold(shard, filter.keyPrefix())) {
					continue;
				}
				for (String stem : stems(shard)) {
					if (EntryFiles.stemMayMatch(stem, filter.keyPrefix()) && removeIfSelected(stem, filter, now)) {
						removed++;
					}
				}
			}
		}
		catch (IOException ex) {
			throw failure("clear entries", ex);
		}
		return removed;
	}

	/**
	 * Removes the file of a stem if the filter selects its entry, deciding from the name
	 * alone when the filter has no other criterion than a key prefix and the name is the
	 * key.
	 */
	private boolean removeIfSelected(String stem, EntryFilter filter, Instant now) throws IOException {
		boolean byName = filter.func() == null && filter.annotations().isEmpty()
				&& (filter.keyPrefix() == null || !EntryFiles.isHashed(stem));
		if (!byName) {
			CacheEntry entry = load(stem, now);
			if (entry == null || !filter.matches(entry)) {
				return false;
			}
		}
		ReentrantLock lock = lockOf(stem);
		lock.lock();
		try {
			if (!byName) {
				Stored stored = read(stem);
				if (stored == null || stored.entry() == null || !filter.matches(stored.entry())) {
					return false;
				}
			}
			return delete(stem);
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		String after = (cursor != null) ? EntryFiles.stem(cursor) : null;
		Instant now = this.context.clock().instant();
		List<CacheEntry> page = new ArrayList<>();
		try {
			for (String shard : shards()) {
				if ((after != null && shard.compareTo(EntryFiles.shard(after)) < 0)
						|| !EntryFiles.mayHold(shard, filter.keyPrefix())) {
					continue;
				}
				for (String stem : stems(shard)) {
					if ((after != null && stem.compareTo(after) <= 0)
							|| !EntryFiles.stemMayMatch(stem, filter.keyPrefix())) {
						continue;
					}
					CacheEntry entry = load(stem, now);
					if (entry != null && filter.matches(entry)) {
						page.add(entry);
						if (page.size() == limit) {
							return new EntryPage(page, entry.key());
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw failure("scan entries", ex);
		}
		return new EntryPage(page, null);
	}

	@Override
	public long size() {
		try {
			long count = 0;
			for (String shard : shards()) {
				count += stems(shard).size();
			}
			return count;
		}
		catch (IOException ex) {
			throw failure("count entries", ex);
		}
	}

	/**
	 * Reads the entry of a stem that has not expired. An unreadable file is moved aside
	 * and an expired one deleted, both after reading the file again under its lock, so a
	 * file a writer has just replaced is left alone.
	 */
	private CacheEntry load(String stem, Instant now) throws IOException {
		Stored stored = read(stem);
		if (stored == null || stored.isLive(now)) {
			return (stored != null) ? stored.entry() : null;
		}
		String expiredKey = null;
		ReentrantLock lock = lockOf(stem);
		lock.lock();
		try {
			stored = read(stem);
			if (stored == null || stored.isLive(now)) {
				return (stored != null) ? stored.entry() : null;
			}
			if (stored.problem() != null) {
				setAside(stem, stored.problem());
			}
			else if (delete(stem)) {
				expiredKey = stored.entry().key();
			}
		}
		finally {
			lock.unlock();
		}
		if (expiredKey != null) {
			this.context.evictionListener().accept(expiredKey);
		}
		return null;
	}

	private Stored read(String stem) throws IOException {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(this.files.file(stem));
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		try {
			CacheEntry entry = this.documents.read(bytes);
			if (!EntryFiles.stem(entry.key()).equals(stem)) {
				return new Stored(null, "it holds key '" + entry.key() + "', which belongs in another file");
			}
			return new Stored(entry, null);
		}
		catch (UnreadableEntryException ex) {
			return new Stored(null, ex.getMessage());
		}
	}

	private void setAside(String stem, String problem) throws IOException {
		Path file = this.files.file(stem);
		Path aside = EntryFiles.unreadableFor(file);
		try {
			Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (NoSuchFileException ex) {
			return;
		}
		finally {
			this.writeOrder.removed(stem);
		}
		logger.warn("File cache '{}' cannot read {} ({}); moved it to {} and treats the entry as missing",
				this.context.cacheName(), file, problem, aside.getFileName());
		this.context.corruptionListener().accept(stem, file.getFileName() + ": " + problem);
	}

	private boolean delete(String stem) throws IOException {
		boolean deleted = Files.deleteIfExists(this.files.file(stem));
		this.writeOrder.removed(stem);
		return deleted;
	}

	private void evictOverflow() {
		if (this.writeOrder.size() <= this.maxFiles) {
			return;
		}
		this.evictionLock.lock();
		try {
			Map.Entry<String, String> eldest;
			while ((eldest = this.writeOrder.eldestBeyond(this.maxFiles)) != null) {
				if (evict(eldest.getKey())) {
					this.context.evictionListener().accept(eldest.getValue());
				}
			}
		}
		finally {
			this.evictionLock.unlock();
		}
	}

	private boolean evict(String stem) {
		ReentrantLock lock = lockOf(stem);
		lock.lock();
		try {
			return this.writeOrder.removeIfEldest(stem) && Files.deleteIfExists(this.files.file(stem));
		}
		catch (IOException ex) {
			throw failure("evict entry file " + stem, ex);
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * The shard folders, in name order.
	 */
	private List<String> shards() throws IOException {
		List<String> shards = new ArrayList<>();
		try (DirectoryStream<Path> children = Files.newDirectoryStream(this.files.directory())) {
			for (Path child : children) {
				String name = child.getFileName().toString();
				if (EntryFiles.isShard(name) && Files.isDirectory(child)) {
					shards.add(name);
				}
			}
		}
		Collections.sort(shards);
		return shards;
	}

	/**
	 * The stems of a shard's entry files, in name order.
	 */
	private List<String> stems(String shard) throws IOException {
		List<String> stems = new ArrayList<>();
		try (DirectoryStream<Path> children = Files.newDirectoryStream(this.files.shardFolder(shard))) {
			for (Path child : children) {
				String stem = EntryFiles.stemOf(shard, child.getFileName().toString());
				if (stem != null) {
					stems.add(stem);
				}
			}
		}
		catch (NoSuchFileException ex) {
			return stems;
		}
		Collections.sort(stems);
		return stems;
	}

	private ReentrantLock lockOf(String stem) {
		return this.locks[Math.floorMod(stem.hashCode(), STRIPES)];
	}

	private BackendException failure(String operation, Exception cause) {
		return new BackendException("File cache '" + this.context.cacheName() + "' failed to " + operation + " in "
				+ this.files.directory() + ": " + cause, cause);
	}

	/**
	 * What a read of an entry file found: an entry, or the problem that makes the file
	 * unreadable.
	 */
	private record Stored(CacheEntry entry, String problem) {

		boolean isLive(Instant now) {
			return this.entry != null && !this.entry.isExpired(now);
		}

	}

	private record Found(String stem, FileTime modified) {

	}

}
