package dev.memoize.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

import dev.memoize.CacheEntry;
import dev.memoize.CacheStats;
import dev.memoize.Computation;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.MemoizeException;
import dev.memoize.ParameterMap;
import dev.memoize.WriteOptions;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.Lookup;
import dev.memoize.codec.CodecException;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;

/**
 * The engine of one cache: keys, encoding, expiry, statistics, events, fault handling and
 * single-flight computation over a {@link CacheBackend}. Thread-safe.
 */
public class DefaultMemoCache implements MemoCache, AutoCloseable {

	private static final Object MISS = new Object();

	private static final Object FAILED = new Object();

	private static final ResolvableType PLAIN = ResolvableType.forClass(Object.class);

	private static final ResolvableType PLAIN_MAP = ResolvableType.forClassWithGenerics(Map.class, String.class,
			Object.class);

	private final CacheSettings settings;

	private final CacheBackend backend;

	private final StatsCounter stats;

	private final CacheEvents events;

	private final FaultLog faults;

	private final SingleFlight flights = new SingleFlight();

	private final AsyncCacheAccess async;

	private DefaultMemoCache(CacheSettings settings, Function<BackendContext, CacheBackend> backendFactory) {
		this.settings = settings;
		this.stats = new StatsCounter();
		this.events = new CacheEvents(settings.name(), settings.listeners());
		this.faults = new FaultLog(settings.name());
		this.backend = backendFactory
			.apply(new BackendContext(settings.name(), settings.clock(), this::evicted, this::unreadable));
		this.async = new AsyncCacheAccess(this, AsyncBackend.of(this.backend));
	}

	/**
	 * Creates a cache over the backend the factory makes.
	 * @param settings the cache's settings
	 * @param backendFactory makes the backend from its context
	 * @return the cache
	 */
	public static DefaultMemoCache create(CacheSettings settings,
			Function<BackendContext, CacheBackend> backendFactory) {
		return new DefaultMemoCache(settings, backendFactory);
	}

	/**
	 * The backend this cache stores in.
	 * @return the backend
	 */
	public CacheBackend backend() {
		return this.backend;
	}

	/**
	 * The asynchronous path of this cache, for methods returning futures, {@code Mono} or
	 * {@code Flux}.
	 * @return the asynchronous access
	 */
	public AsyncCacheAccess async() {
		return this.async;
	}

	@Override
	public String name() {
		return this.settings.name();
	}

	@Override
	public MemoKey key(String func, Map<String, ?> inputs) {
		return this.settings.keyGenerator().generate(func, inputs);
	}

	@Override
	public Optional<CacheEntry> get(String func, Map<String, ?> inputs) {
		MemoKey key = key(func, inputs);
		CacheEntry entry = (readEntry(key) instanceof Lookup.Hit hit) ? hit.entry() : null;
		if (entry != null) {
			try {
				entry = decoded(entry, PLAIN);
			}
			catch (CodecException ex) {
				corrupt(key.key(), ex);
				entry = null;
			}
		}
		counted(key, entry);
		return Optional.ofNullable(entry);
	}

	@Override
	public Object get(MemoKey key, ResolvableType type, WriteOptions options, Computation computation)
			throws Throwable {
		Object value = read(key, type, true);
		if (value != MISS && value != FAILED) {
			return value;
		}
		boolean reread = (value == MISS);
		return this.flights.run(key.key(), () -> {
			// a caller that finished just before this flight began may have stored the
			// value
			Object stored = reread ? read(key, type, false) : MISS;
			return (stored != MISS && stored != FAILED) ? stored : computeAndStore(key, options, computation);
		});
	}

	@Override
	public Map<String, Object> getAll(List<MemoKey> keys, ResolvableType type) {
		Map<String, Object> values = new HashMap<>();
		if (keys.isEmpty()) {
			return values;
		}
		Map<String, Lookup> lookups;
		try {
			lookups = this.backend.getAll(keys);
		}
		catch (RuntimeException ex) {
			lookups = Map.of(keys.get(0).key(), Lookup.failure(ex));
		}
		Map<String, CacheEntry> hits = new HashMap<>();
		Throwable failure = null;
		Instant now = this.settings.clock().instant();
		for (Map.Entry<String, Lookup> lookup : lookups.entrySet()) {
			if (lookup.getValue() instanceof Lookup.Failure failed) {
				failure = (failure != null) ? failure : failed.cause();
			}
			else if (lookup.getValue() instanceof Lookup.Hit hit) {
				servedHit(lookup.getKey(), hit.entry(), type, now, values, hits);
			}
		}
		if (!hits.isEmpty()) {
			this.faults.success();
		}
		if (failure != null) {
			fault("read", failure);
		}
		for (MemoKey key : keys) {
			counted(key, hits.get(key.key()));
		}
		return values;
	}

	private void servedHit(String key, CacheEntry entry, ResolvableType type, Instant now, Map<String, Object> values,
			Map<String, CacheEntry> hits) {
		if (entry.isExpired(now)) {
			expired(key);
			return;
		}
		try {
			values.put(key, served(entry.value(), type));
			hits.put(key, entry);
		}
		catch (CodecException ex) {
			corrupt(key, ex);
		}
	}

	@Override
	public void putAll(Map<MemoKey, ?> values, WriteOptions options, Duration loadTime) {
		if (loadTime != null) {
			this.stats.loaded(loadTime.toNanos());
		}
		List<CacheEntry> entries = new ArrayList<>(values.size());
		values.forEach((key, value) -> {
			if (!options.unless().test(value)) {
				entries.add(newEntry(key, value, options.ttl(), options.metadata()));
			}
		});
		if (entries.isEmpty()) {
			return;
		}
		List<CacheEntry> written;
		try {
			written = this.backend.storesLiveObjects() ? entries : entries.stream().map(this::encoded).toList();
		}
		catch (CodecException ex) {
			this.stats.error();
			this.events.error(ex);
			throw new MemoizeException("Cache '" + name() + "' cannot store the results of " + entries.get(0).func()
					+ ", so none was stored: " + ex.getMessage(), ex);
		}
		try {
			this.backend.putAll(written);
			this.faults.success();
		}
		catch (RuntimeException ex) {
			fault("write", ex);
			return;
		}
		this.stats.put(entries.size());
		entries.forEach(this.events::put);
	}

	private Object computeAndStore(MemoKey key, WriteOptions options, Computation computation) throws Throwable {
		long start = System.nanoTime();
		Object result = computation.compute();
		this.stats.loaded(System.nanoTime() - start);
		if (!options.unless().test(result)) {
			store(newEntry(key, result, options.ttl(), options.metadata()));
		}
		return result;
	}

	/**
	 * Reads a call's value decoded to the declared type, {@link #MISS} when nothing
	 * usable is stored, or {@link #FAILED} when the backend failed.
	 */
	private Object read(MemoKey key, ResolvableType type, boolean count) {
		Lookup lookup = readEntry(key);
		Object value = (lookup instanceof Lookup.Failure) ? FAILED : MISS;
		CacheEntry entry = (lookup instanceof Lookup.Hit hit) ? hit.entry() : null;
		if (entry != null) {
			try {
				value = served(entry.value(), type);
			}
			catch (CodecException ex) {
				// an entry that cannot be decoded is a miss, counted only as such
				corrupt(key.key(), ex);
				entry = null;
			}
		}
		if (count) {
			counted(key, entry);
		}
		return value;
	}

	/**
	 * Reads an entry: a hit on an entry that has not expired, a miss, or a failure that
	 * has been counted and reported.
	 */
	private Lookup readEntry(MemoKey key) {
		Lookup lookup;
		try {
			lookup = this.backend.get(key);
		}
		catch (RuntimeException ex) {
			lookup = Lookup.failure(ex);
		}
		if (lookup instanceof Lookup.Hit hit) {
			this.faults.success();
			// most entries never expire: the clock is read only for those that do
			if (hit.entry().expiresAt() != null && hit.entry().isExpired(this.settings.clock().instant())) {
				expired(hit.entry().key());
				return Lookup.miss();
			}
		}
		else if (lookup instanceof Lookup.Failure failure) {
			fault("read", failure.cause());
		}
		return lookup;
	}

	void counted(MemoKey key, CacheEntry entry) {
		if (entry != null) {
			this.stats.hit();
			this.events.hit(entry);
		}
		else {
			this.stats.miss();
			this.events.miss(key);
		}
	}

	Object served(Object value, ResolvableType type) {
		if (value instanceof EncodedValue encoded) {
			value = this.settings.codec().decode(encoded, type.getType());
		}
		else if (value != null && !LiveValues.fits(value, type)) {
			value = this.settings.codec().convert(value, type.getType());
		}
		if (value != null && !ClassUtils.isAssignableValue(type.toClass(), value)) {
			throw new CodecException("Stored " + value.getClass().getName() + " is not a " + type, null);
		}
		return value;
	}

	private CacheEntry decoded(CacheEntry entry, ResolvableType type) {
		CacheEntry result = entry;
		if (entry.output() instanceof EncodedValue) {
			result = result.withOutput(served(entry.output(), type));
		}
		if (entry.expected() instanceof EncodedValue) {
			result = result.withExpected(served(entry.expected(), type));
		}
		return result;
	}

	CacheEntry newEntry(MemoKey key, Object value, Duration ttl, Map<String, String> metadata) {
		Instant now = this.settings.clock().instant();
		Duration timeToLive = (ttl != null) ? ttl : this.settings.ttl();
		Instant expiresAt = (timeToLive != null) ? now.plus(timeToLive) : null;
		return CacheEntry.of(key.key(), key.func(), plainInputs(key.inputs()), value, metadata, now, expiresAt);
	}

	/**
	 * The inputs as JSON-shaped values (maps, lists, strings, numbers, booleans).
	 * Strings, booleans, ints and nulls already are, so the common case skips the codec.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, Object> plainInputs(Map<String, ?> inputs) {
		for (Object value : inputs.values()) {
			if (value != null && !(value instanceof String) && !(value instanceof Boolean)
					&& !(value instanceof Integer)) {
				return (Map<String, Object>) this.settings.codec()
					.convert(new LinkedHashMap<>(inputs), PLAIN_MAP.getType());
			}
		}
		return ParameterMap.copyOf(inputs);
	}

	private void store(CacheEntry entry) {
		CacheEntry stored = forBackend(entry);
		try {
			this.backend.put(stored);
		}
		catch (RuntimeException ex) {
			fault("write", ex);
			return;
		}
		stored(entry);
	}

	/**
	 * The entry as the backend takes it: encoded unless the backend keeps live objects.
	 * @throws MemoizeException if a value cannot be encoded
	 */
	CacheEntry forBackend(CacheEntry entry) {
		if (this.backend.storesLiveObjects()) {
			return entry;
		}
		try {
			return encoded(entry);
		}
		catch (CodecException ex) {
			corrupted(ex);
			throw new MemoizeException(
					"Cache '" + name() + "' cannot store the result of " + entry.func() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Counts and reports an entry the backend has stored.
	 */
	void stored(CacheEntry entry) {
		this.faults.success();
		this.stats.put(1);
		this.events.put(entry);
	}

	void backendWorks() {
		this.faults.success();
	}

	boolean isExpired(CacheEntry entry) {
		return entry.isExpired(this.settings.clock().instant());
	}

	void loaded(long nanos) {
		this.stats.loaded(nanos);
	}

	private CacheEntry encoded(CacheEntry entry) {
		CacheEntry result = entry.withOutput(encode(entry.output()));
		return result.annotated() ? result.withExpected(encode(entry.expected())) : result;
	}

	private Object encode(Object value) {
		return (value instanceof EncodedValue) ? value : this.settings.codec().encode(value);
	}

	void fault(String operation, Throwable cause) {
		this.stats.error();
		this.events.error(cause);
		if (!this.settings.failOpen()) {
			throw new MemoizeException("Cache '" + name() + "' failed to " + operation + ": " + cause.getMessage(),
					cause);
		}
		this.faults.fault(operation, cause);
	}

	private void corrupt(String key, CodecException ex) {
		corrupted(ex);
		removeQuietly(key);
	}

	/**
	 * Counts and reports a value that cannot be decoded or encoded.
	 */
	void corrupted(CodecException ex) {
		this.stats.error();
		this.events.error(ex);
	}

	/**
	 * Counts and reports an entry the backend found unreadable and removed.
	 */
	private void unreadable(String key, String problem) {
		corrupted(new CodecException("Cache '" + name() + "' found entry " + key + " unreadable: " + problem, null));
	}

	private void expired(String key) {
		removeQuietly(key);
		evicted(key);
	}

	private void removeQuietly(String key) {
		try {
			this.backend.remove(key);
		}
		catch (RuntimeException ex) {
			fault("remove", ex);
		}
	}

	void evicted(String key) {
		this.stats.evicted(1);
		this.events.evict(key);
	}

	@Override
	public CacheEntry put(String func, Map<String, ?> inputs, Object value) {
		CacheEntry entry = newEntry(key(func, inputs), value, null, Map.of());
		store(entry);
		return entry;
	}

	@Override
	public void put(CacheEntry entry) {
		store(entry);
	}

	@Override
	public boolean remove(String func, Map<String, ?> inputs) {
		return removeKey(key(func, inputs).key());
	}

	@Override
	public boolean removeKey(String key) {
		boolean removed;
		try {
			removed = this.backend.remove(key);
		}
		catch (RuntimeException ex) {
			fault("remove", ex);
			return false;
		}
		if (removed) {
			evicted(key);
		}
		return removed;
	}

	@Override
	public long clear(EntryFilter filter) {
		long removed;
		try {
			removed = this.backend.clear(filter);
		}
		catch (RuntimeException ex) {
			fault("clear", ex);
			return 0;
		}
		this.stats.evicted(removed);
		return removed;
	}

	@Override
	public Stream<CacheEntry> entries(EntryFilter filter) {
		return EntryPages.stream(this.backend, filter).map((entry) -> {
			try {
				return decoded(entry, PLAIN);
			}
			catch (CodecException ex) {
				corrupt(entry.key(), ex);
				return null;
			}
		}).filter(java.util.Objects::nonNull);
	}

	@Override
	public long size() {
		try {
			return this.backend.size();
		}
		catch (RuntimeException ex) {
			fault("count", ex);
			return 0;
		}
	}

	@Override
	public CacheStats stats() {
		return this.stats.snapshot();
	}

	@Override
	public void close() throws Exception {
		this.backend.close();
	}

}
