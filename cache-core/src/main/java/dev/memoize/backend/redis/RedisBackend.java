package dev.memoize.backend.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.HealthCheckedBackend;
import dev.memoize.backend.Lookup;
import dev.memoize.backend.ReactiveCacheBackend;
import dev.memoize.key.MemoKey;

/**
 * A backend that keeps each entry as one Redis string, under the key
 * {@code <key prefix><entry key>}, through Spring Data Redis; standalone servers and
 * Redis Cluster alike. Thread-safe.
 *
 * <ul>
 * <li>The value is the whole entry in the binary layout of {@link EntryFormat}.</li>
 * <li>Expiry is Redis's own: an entry is written with {@code SET ... PX}, the time to
 * live computed from the context's clock at write time; an entry already expired by that
 * clock is not written (an older entry under its key is deleted). Reads also treat an
 * entry whose {@code expiresAt} the context's clock has passed as absent.</li>
 * <li>{@link #getAll} is one {@code MGET} (on a cluster, one per slot, sent at once);
 * {@link #putAll} is one pipeline of {@code SET}s, sent at once on the shared Lettuce
 * connection.</li>
 * <li>{@link #clear}, {@link #scan} and {@link #size} walk the keys under the prefix with
 * {@code SCAN}, on every master of a cluster; never {@code KEYS}. Keys outside the prefix
 * are never read, counted or changed, so a cache may share a database with other data.
 * Everything under the prefix is taken to belong to the cache.</li>
 * <li>{@link #scan} pages over a sorted, duplicate-free snapshot of the keys taken by the
 * first page, so following the cursors returns each entry present during the whole scan
 * exactly once, in key order; entries removed meanwhile are skipped, entries added
 * meanwhile are not returned. The snapshot is held by this backend (bounded, dropped when
 * idle); a cursor whose snapshot is gone, or that is handed to another backend instance,
 * takes a new snapshot and goes on after the cursor's key, with the same guarantee.</li>
 * <li>A stored value that cannot be read (corrupt, or not written by Memoize) is logged,
 * deleted and treated as absent.</li>
 * <li>Reads answer {@link Lookup#failure} when Redis fails; writes, removals, scans and
 * counts throw {@link BackendException} naming the cache.</li>
 * </ul>
 * Needs Spring Data Redis and Lettuce on the class path; the connection factory may be of
 * another driver, whose bulk writes then go through Spring Data's pipelines.
 *
 * <p>
 * The {@link ReactiveCacheBackend} methods send the same commands through Spring Data's
 * reactive API when the factory is also a {@link ReactiveRedisConnectionFactory} (as
 * Lettuce's is); with another driver they run the blocking methods on Reactor's bounded
 * elastic scheduler.
 *
 * <p>
 * {@link #ping()} sends {@code PING} (to a cluster node the driver picks), within the
 * connections' command timeout.
 */
public class RedisBackend implements CacheBackend, ReactiveCacheBackend, HealthCheckedBackend {

	private static final Logger logger = LoggerFactory.getLogger(RedisBackend.class);

	/** Most entries one {@code MGET} reads while scanning or clearing by content. */
	static final int READ_BATCH = 256;

	/** Longest wait for the answers of a pipeline, when the connections do not tell. */
	private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

	private final RedisConnectionFactory connectionFactory;

	private final boolean ownsConnectionFactory;

	private final RedisTemplate<byte[], byte[]> template;

	private final KeySpace keys;

	private final KeySnapshots snapshots = new KeySnapshots();

	private final String cacheName;

	private final Clock clock;

	private final BiConsumer<String, String> corruptionListener;

	private final Duration timeout;

	private final ReactiveEntries reactive;

	/**
	 * Creates a backend over connections it does not own: closing the backend leaves the
	 * factory open.
	 * @param connectionFactory the connections, typically the application's
	 * @param keyPrefix the prefix of every key the cache writes, not empty; see
	 * {@link #defaultKeyPrefix}
	 * @param context the cache name and clock
	 * @throws IllegalArgumentException if the prefix is empty
	 */
	public RedisBackend(RedisConnectionFactory connectionFactory, String keyPrefix, BackendContext context) {
		this(connectionFactory, false, keyPrefix, context);
	}

	private RedisBackend(RedisConnectionFactory connectionFactory, boolean ownsConnectionFactory, String keyPrefix,
			BackendContext context) {
		this.connectionFactory = connectionFactory;
		this.ownsConnectionFactory = ownsConnectionFactory;
		this.keys = new KeySpace(keyPrefix);
		this.cacheName = context.cacheName();
		this.clock = context.clock();
		this.corruptionListener = context.corruptionListener();
		this.timeout = (connectionFactory instanceof LettuceConnectionFactory lettuce)
				? Duration.ofMillis(lettuce.getTimeout()) : DEFAULT_TIMEOUT;
		this.template = new RedisTemplate<>();
		this.template.setConnectionFactory(connectionFactory);
		this.template.setEnableDefaultSerializer(false);
		this.template.setKeySerializer(RedisSerializer.byteArray());
		this.template.setValueSerializer(RedisSerializer.byteArray());
		this.template.afterPropertiesSet();
		this.reactive = (connectionFactory instanceof ReactiveRedisConnectionFactory reactiveFactory)
				? new ReactiveEntries(reactiveFactory, this.keys, this.cacheName, this.clock, this.corruptionListener)
				: null;
	}

	/**
	 * Creates a backend that owns its connections: closing the backend destroys the
	 * factory.
	 * @param connectionFactory the backend's own connections, as from
	 * {@link RedisConnections}
	 * @param keyPrefix the prefix of every key the cache writes, not empty
	 * @param context the cache name and clock
	 * @return the backend
	 * @throws IllegalArgumentException if the prefix is empty
	 */
	public static RedisBackend owning(RedisConnectionFactory connectionFactory, String keyPrefix,
			BackendContext context) {
		return new RedisBackend(connectionFactory, true, keyPrefix, context);
	}

	/**
	 * The key prefix of a cache that sets none: {@code memoize:<cache name>:}.
	 * @param cacheName the cache name
	 * @return the prefix
	 */
	public static String defaultKeyPrefix(String cacheName) {
		return "memoize:" + cacheName + ":";
	}

	/**
	 * The prefix of every key this backend writes.
	 * @return the prefix
	 */
	public String keyPrefix() {
		return this.keys.prefix();
	}

	/**
	 * The connections this backend uses.
	 * @return the connection factory
	 */
	public RedisConnectionFactory connectionFactory() {
		return this.connectionFactory;
	}

	@Override
	public boolean storesLiveObjects() {
		return false;
	}

	@Override
	public Lookup get(MemoKey key) {
		byte[] document;
		try {
			byte[] redisKey = this.keys.redisKey(key.key());
			document = execute((connection) -> connection.stringCommands().get(redisKey));
		}
		catch (RuntimeException ex) {
			return Lookup.failure(failure("read", ex));
		}
		CacheEntry entry = live(key.key(), document, this.clock.instant());
		return (entry != null) ? Lookup.hit(entry) : Lookup.miss();
	}

	@Override
	public Mono<Lookup> getReactive(MemoKey key) {
		if (this.reactive == null) {
			return Mono.fromCallable(() -> get(key)).subscribeOn(Schedulers.boundedElastic());
		}
		return this.reactive.get(key);
	}

	@Override
	public Mono<Void> putReactive(CacheEntry entry) {
		if (this.reactive == null) {
			return Mono.<Void>fromRunnable(() -> put(entry)).subscribeOn(Schedulers.boundedElastic());
		}
		return this.reactive.put(entry);
	}

	@Override
	public Mono<Boolean> removeReactive(String key) {
		if (this.reactive == null) {
			return Mono.fromCallable(() -> remove(key)).subscribeOn(Schedulers.boundedElastic());
		}
		return this.reactive.remove(key);
	}

	@Override
	public Map<String, Lookup> getAll(Collection<MemoKey> keys) {
		List<String> wanted = keys.stream().map(MemoKey::key).distinct().toList();
		Map<String, Lookup> result = new LinkedHashMap<>();
		if (wanted.isEmpty()) {
			return result;
		}
		List<byte[]> documents;
		try {
			documents = read(wanted);
		}
		catch (RuntimeException ex) {
			Lookup failure = Lookup.failure(failure("read", ex));
			wanted.forEach((key) -> result.put(key, failure));
			return result;
		}
		Instant now = this.clock.instant();
		for (int i = 0; i < wanted.size(); i++) {
			CacheEntry entry = live(wanted.get(i), documents.get(i), now);
			result.put(wanted.get(i), (entry != null) ? Lookup.hit(entry) : Lookup.miss());
		}
		return result;
	}

	@Override
	public void put(CacheEntry entry) {
		try {
			EntryWrite write = EntryWrite.of(this.keys.redisKey(entry.key()), entry, this.clock.instant());
			execute((connection) -> {
				write.apply(connection);
				return null;
			});
		}
		catch (RuntimeException ex) {
			throw failure("write", ex);
		}
	}

	@Override
	public void putAll(List<CacheEntry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		try {
			Instant now = this.clock.instant();
			List<EntryWrite> writes = entries.stream()
				.map((entry) -> EntryWrite.of(this.keys.redisKey(entry.key()), entry, now))
				.toList();
			if (!Boolean.TRUE.equals(execute((connection) -> sendAtOnce(connection, writes)))) {
				this.template.executePipelined((RedisCallback<Object>) (connection) -> {
					writes.forEach((write) -> write.apply(connection));
					return null;
				});
			}
		}
		catch (RuntimeException ex) {
			throw failure("write", ex);
		}
	}

	/**
	 * Pipelines the writes on a Lettuce connection: sends them all through its
	 * asynchronous API, then waits for the answers. Spring Data's own pipelines open a
	 * dedicated connection each time, a connect and handshake for every batch.
	 * @return {@code false}, having sent nothing, if the connection is not Lettuce's
	 */
	private Boolean sendAtOnce(RedisConnection connection, List<EntryWrite> writes) {
		if (!(connection.getNativeConnection() instanceof RedisClusterAsyncCommands<?, ?> nativeCommands)) {
			return false;
		}
		@SuppressWarnings("unchecked")
		RedisClusterAsyncCommands<byte[], byte[]> commands = (RedisClusterAsyncCommands<byte[], byte[]>) nativeCommands;
		RedisFuture<?>[] answers = writes.stream().map((write) -> write.send(commands)).toArray(RedisFuture[]::new);
		if (!LettuceFutures.awaitAll(this.timeout, answers)) {
			throw new RedisCommandTimeoutException("No answer to " + answers.length + " writes in " + this.timeout);
		}
		return true;
	}

	@Override
	public boolean remove(String key) {
		try {
			byte[] redisKey = this.keys.redisKey(key);
			Long removed = execute((connection) -> connection.keyCommands().unlink(redisKey));
			return removed != null && removed > 0;
		}
		catch (RuntimeException ex) {
			throw failure("remove", ex);
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Walks the keys under the prefix with {@code SCAN} and deletes them with
	 * {@code UNLINK}, a batch at a time; a filter on function or metadata reads each
	 * batch with {@code MGET} first. Entries the context's clock finds expired are
	 * removed and counted like the others.
	 */
	@Override
	public long clear(EntryFilter filter) {
		boolean byKeyOnly = filter.func() == null && filter.annotations().isEmpty();
		try {
			return execute((connection) -> {
				AtomicLong removed = new AtomicLong();
				this.keys.scan(connection, this.keys.pattern(filter.keyPrefix()), (batch) -> {
					List<byte[]> selected = byKeyOnly ? batch : selected(connection, batch, filter);
					if (!selected.isEmpty()) {
						Long count = connection.keyCommands().unlink(selected.toArray(byte[][]::new));
						removed.addAndGet((count != null) ? count : 0);
					}
				});
				return removed.get();
			});
		}
		catch (RuntimeException ex) {
			throw failure("clear", ex);
		}
	}

	private List<byte[]> selected(RedisConnection connection, List<byte[]> batch, EntryFilter filter) {
		List<byte[]> selected = new ArrayList<>();
		for (int from = 0; from < batch.size(); from += READ_BATCH) {
			List<byte[]> redisKeys = batch.subList(from, Math.min(batch.size(), from + READ_BATCH));
			List<byte[]> documents = connection.stringCommands().mGet(redisKeys.toArray(byte[][]::new));
			for (int i = 0; i < redisKeys.size(); i++) {
				String key = this.keys.key(redisKeys.get(i));
				CacheEntry entry = (key != null) ? readable(key, documents.get(i)) : null;
				if (entry != null && filter.matches(entry)) {
					selected.add(redisKeys.get(i));
				}
			}
		}
		return selected;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The first page takes a snapshot of the keys under the prefix (and under the
	 * filter's key prefix) with {@code SCAN}; every page then reads the snapshot's next
	 * keys in key order with {@code MGET} and keeps the live entries the filter selects.
	 * See the class description for what the cursors guarantee.
	 * @throws IllegalArgumentException if the cursor is not one of a Redis cache's pages
	 */
	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		ScanCursor position = (cursor != null) ? ScanCursor.parse(cursor) : null;
		byte[] pattern = this.keys.pattern(filter.keyPrefix());
		try {
			String snapshotId = (position != null) ? position.snapshotId() : null;
			KeySnapshot snapshot = (snapshotId != null) ? this.snapshots.find(snapshotId, pattern) : null;
			if (snapshot == null) {
				snapshot = snapshot(pattern);
				if (snapshotId != null) {
					this.snapshots.put(snapshotId, snapshot);
				}
				else {
					snapshotId = this.snapshots.add(snapshot);
				}
			}
			return page(snapshotId, snapshot, (position != null) ? position.lastKey() : null, filter, limit);
		}
		catch (RuntimeException ex) {
			throw failure("scan", ex);
		}
	}

	private EntryPage page(String snapshotId, KeySnapshot snapshot, String after, EntryFilter filter, int limit) {
		Instant now = this.clock.instant();
		List<CacheEntry> page = new ArrayList<>();
		int next = snapshot.indexAfter(after);
		String last = null;
		boolean byKeyOnly = filter.func() == null && filter.annotations().isEmpty();
		while (next < snapshot.size() && page.size() < limit) {
			int wanted = byKeyOnly ? Math.min(READ_BATCH, limit - page.size()) : READ_BATCH;
			List<String> chunk = snapshot.keys(next, Math.min(snapshot.size(), next + wanted));
			List<byte[]> documents = read(chunk);
			for (int i = 0; i < chunk.size() && page.size() < limit; i++) {
				last = chunk.get(i);
				next++;
				CacheEntry entry = live(last, documents.get(i), now);
				if (entry != null && filter.matches(entry)) {
					page.add(entry);
				}
			}
		}
		if (next >= snapshot.size()) {
			this.snapshots.remove(snapshotId);
			return new EntryPage(page, null);
		}
		return new EntryPage(page, new ScanCursor(snapshotId, last).toString());
	}

	private KeySnapshot snapshot(byte[] pattern) {
		Set<String> found = new HashSet<>();
		execute((connection) -> {
			this.keys.scan(connection, pattern, (batch) -> batch.forEach((redisKey) -> {
				String key = this.keys.key(redisKey);
				if (key != null) {
					found.add(key);
				}
			}));
			return null;
		});
		return new KeySnapshot(pattern, found);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Counts the keys under the prefix with {@code SCAN}, each once (it holds the keys
	 * while it counts, as {@code SCAN} may return a key twice); Redis's own
	 * {@code DBSIZE} would count other data sharing the database. Entries the context's
	 * clock finds expired but Redis has not yet removed are counted.
	 */
	@Override
	public long size() {
		try {
			Set<String> counted = new HashSet<>();
			execute((connection) -> {
				this.keys.scan(connection, this.keys.pattern(null),
						(batch) -> batch.forEach((redisKey) -> counted.add(this.keys.key(redisKey))));
				return null;
			});
			counted.remove(null);
			return counted.size();
		}
		catch (RuntimeException ex) {
			throw failure("count", ex);
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Sends {@code PING} and expects {@code PONG}.
	 */
	@Override
	public void ping() {
		String answer;
		try {
			answer = execute(RedisConnection::ping);
		}
		catch (RuntimeException ex) {
			throw failure("ping", ex);
		}
		if (!"PONG".equalsIgnoreCase(answer)) {
			throw new BackendException("Redis cache '" + this.cacheName + "' got '" + answer + "' for PING", null);
		}
	}

	/**
	 * Forgets the scans in progress and, for a backend created with {@link #owning},
	 * destroys its connection factory.
	 */
	@Override
	public void close() {
		this.snapshots.clear();
		if (this.ownsConnectionFactory && this.connectionFactory instanceof DisposableBean disposable) {
			try {
				disposable.destroy();
			}
			catch (Exception ex) {
				logger.warn("Closing the Redis connections of cache '{}' failed", this.cacheName, ex);
			}
		}
	}

	private <T> T execute(RedisCallback<T> callback) {
		return this.template.execute(callback, true);
	}

	private List<byte[]> read(List<String> entryKeys) {
		byte[][] redisKeys = entryKeys.stream().map(this.keys::redisKey).toArray(byte[][]::new);
		List<byte[]> documents = execute((connection) -> connection.stringCommands().mGet(redisKeys));
		if (documents == null || documents.size() != redisKeys.length) {
			throw new IllegalStateException("MGET of " + redisKeys.length + " keys answered "
					+ ((documents != null) ? documents.size() : "no") + " values");
		}
		return documents;
	}

	/**
	 * The entry a document holds, if it is readable and has not expired.
	 */
	private CacheEntry live(String key, byte[] document, Instant now) {
		CacheEntry entry = readable(key, document);
		return (entry != null && !entry.isExpired(now)) ? entry : null;
	}

	/**
	 * The entry a document holds; {@code null} when there is no document, or when it
	 * cannot be read, in which case it is deleted.
	 */
	private CacheEntry readable(String key, byte[] document) {
		if (document == null) {
			return null;
		}
		try {
			CacheEntry entry = EntryFormat.read(document);
			if (!entry.key().equals(key)) {
				throw new IllegalArgumentException("it holds the entry of key '" + entry.key() + "'");
			}
			return entry;
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Deleting unreadable entry '{}' of Redis cache '{}': {}", key, this.cacheName, ex.getMessage());
			this.corruptionListener.accept(key, ex.getMessage());
			deleteQuietly(key);
			return null;
		}
	}

	private void deleteQuietly(String key) {
		try {
			remove(key);
		}
		catch (BackendException ex) {
			logger.debug("Could not delete entry '{}' of Redis cache '{}'", key, this.cacheName, ex);
		}
	}

	private BackendException failure(String operation, RuntimeException cause) {
		if (cause instanceof BackendException backendException) {
			return backendException;
		}
		return new BackendException(
				"Redis cache '" + this.cacheName + "' failed to " + operation + ": " + cause.getMessage(), cause);
	}

}
