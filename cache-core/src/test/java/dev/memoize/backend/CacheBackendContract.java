package dev.memoize.backend;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

import dev.memoize.CacheEntry;
import dev.memoize.CacheStats;
import dev.memoize.EntryFilter;
import dev.memoize.WriteOptions;
import dev.memoize.codec.DefaultValueCodec;
import dev.memoize.codec.EncodedValue;
import dev.memoize.codec.JavaSerializationCodec;
import dev.memoize.codec.JsonValueCodec;
import dev.memoize.key.MemoKey;
import dev.memoize.key.Sha256KeyGenerator;
import dev.memoize.support.CacheSettings;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.support.TestClock;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link CacheBackend} must do, run by each backend's own test class against a
 * real store. Extend it, implement {@link #createBackend(BackendContext)} to return an
 * empty backend, and every test here runs against yours. Published in Memoize's test-jar
 * so that a backend written outside Memoize can run it too.
 *
 * <p>
 * Time is the context's {@link TestClock}: a backend must decide expiry by the context's
 * clock (it may also use its store's native expiry, computed from that clock at write
 * time). Entries are built with millisecond-precision times, so a store must keep at
 * least milliseconds.
 */
public abstract class CacheBackendContract {

	/** The clock of the context every backend is created with; it stands still. */
	protected final TestClock clock = new TestClock();

	/** Keys the backend reported as evicted or expired on its own. */
	protected final List<String> evicted = new CopyOnWriteArrayList<>();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final List<CacheBackend> created = new ArrayList<>();

	/** The backend under test, created empty before each test. */
	protected CacheBackend backend;

	/**
	 * Creates the backend under test. It must be empty: clear what an earlier test or run
	 * left in the store.
	 * @param context the context, with {@link #clock}
	 * @return the backend
	 */
	protected abstract CacheBackend createBackend(BackendContext context);

	/**
	 * Creates another backend over the same store, as a second application instance or a
	 * restarted one would. The default creates one with {@link #createBackend}.
	 * @return a backend over the same store
	 */
	protected CacheBackend reopen() {
		return track(createBackend(context()));
	}

	/**
	 * The context backends are created with.
	 * @return the context
	 */
	protected BackendContext context() {
		return new BackendContext("contract", this.clock, this.evicted::add);
	}

	@BeforeEach
	void createBackendUnderTest() {
		this.backend = track(createBackend(context()));
	}

	@AfterEach
	void closeBackends() {
		for (CacheBackend each : this.created) {
			each.close();
		}
	}

	private CacheBackend track(CacheBackend created) {
		this.created.add(created);
		return created;
	}

	@Test
	void get_returnsMissForUnknownKey() {
		assertThat(this.backend.get(key("absent"))).isSameAs(Lookup.miss());
	}

	@Test
	void get_returnsEqualEntryAfterPut() {
		CacheEntry entry = entry("k1", "f", "v1");
		this.backend.put(entry);
		assertThat(hit("k1")).isEqualTo(entry);
	}

	@Test
	void get_keepsEveryComponentOfTheEntry() {
		Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put("prompt", "hello");
		inputs.put("model", "m-1");
		CacheEntry entry = new CacheEntry("k1", "svc#ask(String,String)", inputs, value("out"), value("golden"), true,
				Map.of("purpose", "answer", "team", "search"), this.clock.instant(),
				this.clock.instant().plus(Duration.ofHours(1)));
		this.backend.put(entry);
		CacheEntry read = hit("k1");
		assertThat(read).isEqualTo(entry);
		assertThat(read.value()).isEqualTo(value("golden"));
	}

	@Test
	void put_overwritesEntryWithSameKey() {
		this.backend.put(entry("k1", "f", "old"));
		this.backend.put(entry("k1", "f", "new"));
		assertThat(hit("k1").output()).isEqualTo(value("new"));
		assertThat(this.backend.size()).isEqualTo(1);
	}

	@Test
	void remove_removesEntryAndReportsWhetherOneWasThere() {
		this.backend.put(entry("k1", "f", "v"));
		assertThat(this.backend.remove("k1")).isTrue();
		assertThat(this.backend.remove("k1")).isFalse();
		assertThat(this.backend.get(key("k1"))).isSameAs(Lookup.miss());
	}

	@Test
	void clear_removesEverythingWithAllFilter() {
		putMany(25, "f");
		assertThat(this.backend.clear(EntryFilter.ALL)).isEqualTo(25);
		assertThat(this.backend.size()).isZero();
	}

	@Test
	void clear_removesOnlyEntriesOfFunc() {
		this.backend.put(entry("a1", "keep", "v"));
		this.backend.put(entry("a2", "drop", "v"));
		this.backend.put(entry("a3", "drop", "v"));
		assertThat(this.backend.clear(EntryFilter.byFunc("drop"))).isEqualTo(2);
		assertThat(keys(EntryFilter.ALL)).containsExactly("a1");
	}

	@Test
	void clear_removesOnlyEntriesWithKeyPrefix() {
		this.backend.put(entry("ab1", "f", "v"));
		this.backend.put(entry("ab2", "f", "v"));
		this.backend.put(entry("ac1", "f", "v"));
		assertThat(this.backend.clear(EntryFilter.byKeyPrefix("ab"))).isEqualTo(2);
		assertThat(keys(EntryFilter.ALL)).containsExactly("ac1");
	}

	@Test
	void clear_removesOnlyEntriesWithAnnotation() {
		this.backend.put(entry("k1", "f", "v", Map.of("team", "a")));
		this.backend.put(entry("k2", "f", "v", Map.of("team", "b")));
		this.backend.put(entry("k3", "f", "v", Map.of("team", "a", "purpose", "x")));
		assertThat(this.backend.clear(EntryFilter.byAnnotation("team", "a"))).isEqualTo(2);
		assertThat(keys(EntryFilter.ALL)).containsExactly("k2");
	}

	@Test
	void get_returnsHitUntilExpiryAndMissFromExpiryOn() {
		this.backend.put(entry("k1", "f", "v", Map.of(), this.clock.instant().plus(Duration.ofSeconds(30))));
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.backend.get(key("k1"))).isInstanceOf(Lookup.Hit.class);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.backend.get(key("k1"))).isSameAs(Lookup.miss());
	}

	@Test
	void get_expiresEachEntryAtItsOwnTime() {
		Instant now = this.clock.instant();
		this.backend.put(entry("short", "f", "v", Map.of(), now.plus(Duration.ofMinutes(1))));
		this.backend.put(entry("long", "f", "v", Map.of(), now.plus(Duration.ofHours(1))));
		this.backend.put(entry("never", "f", "v", Map.of(), null));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.backend.get(key("short"))).isSameAs(Lookup.miss());
		assertThat(this.backend.get(key("long"))).isInstanceOf(Lookup.Hit.class);
		this.clock.advance(Duration.ofDays(3650));
		assertThat(this.backend.get(key("long"))).isSameAs(Lookup.miss());
		assertThat(this.backend.get(key("never"))).isInstanceOf(Lookup.Hit.class);
	}

	@Test
	void scan_skipsExpiredEntries() {
		this.backend.put(entry("k1", "f", "v", Map.of(), this.clock.instant().plus(Duration.ofSeconds(5))));
		this.backend.put(entry("k2", "f", "v"));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(keys(EntryFilter.ALL)).containsExactly("k2");
	}

	@Test
	void scan_visitsEveryOneOfMoreThanTenThousandEntriesExactlyOnce() {
		int count = 10_500;
		putMany(count, "f");
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			EntryPage page = this.backend.scan(EntryFilter.ALL, cursor, 1000);
			assertThat(page.entries()).hasSizeLessThanOrEqualTo(1000);
			page.entries().forEach((entry) -> seen.add(entry.key()));
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null);
		assertThat(seen).hasSize(count).doesNotHaveDuplicates();
		assertThat(pages).isGreaterThanOrEqualTo(11);
	}

	@Test
	void scan_pagesOnlyTheEntriesTheFilterSelects() {
		for (int i = 0; i < 300; i++) {
			this.backend.put(entry(String.format("k%05d", i), (i % 3 == 0) ? "wanted" : "other", "v",
					Map.of("parity", (i % 2 == 0) ? "even" : "odd")));
		}
		EntryFilter filter = EntryFilter.byFunc("wanted").andAnnotation("parity", "even");
		Set<String> expected = IntStream.range(0, 300)
			.filter((i) -> i % 6 == 0)
			.mapToObj((i) -> String.format("k%05d", i))
			.collect(Collectors.toSet());
		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			EntryPage page = this.backend.scan(filter, cursor, 7);
			page.entries().forEach((entry) -> seen.add(entry.key()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void getAll_answersEveryRequestedKey() {
		this.backend.putAll(List.of(entry("k1", "f", "v1"), entry("k2", "f", "v2")));
		Map<String, Lookup> lookups = this.backend.getAll(List.of(key("k1"), key("absent"), key("k2")));
		assertThat(lookups).containsOnlyKeys("k1", "absent", "k2");
		assertThat(lookups.get("k1")).isEqualTo(Lookup.hit(entry("k1", "f", "v1")));
		assertThat(lookups.get("k2")).isEqualTo(Lookup.hit(entry("k2", "f", "v2")));
		assertThat(lookups.get("absent")).isSameAs(Lookup.miss());
	}

	@Test
	void putAll_storesEveryEntry() {
		List<CacheEntry> entries = IntStream.range(0, 500).mapToObj((i) -> entry("bulk" + i, "f", "v" + i)).toList();
		this.backend.putAll(entries);
		assertThat(this.backend.size()).isEqualTo(500);
		assertThat(hit("bulk499").output()).isEqualTo(value("v499"));
	}

	@Test
	void put_storesValueOfZeroBytes() {
		Object empty = this.backend.storesLiveObjects() ? new byte[0]
				: new EncodedValue(EncodedValue.JSON, new byte[0]);
		this.backend.put(entry("k1", "f", null).withOutput(empty));
		Object read = hit("k1").output();
		if (read instanceof EncodedValue encoded) {
			assertThat(encoded.bytes()).isEmpty();
		}
		else {
			assertThat((byte[]) read).isEmpty();
		}
	}

	@Test
	void put_storesValueOfTenMebibytes() {
		byte[] bytes = new byte[10 * 1024 * 1024];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 31);
		}
		Object large = this.backend.storesLiveObjects() ? bytes : new EncodedValue(EncodedValue.JAVA, bytes);
		this.backend.put(entry("k1", "f", null).withOutput(large));
		Object read = hit("k1").output();
		assertThat((read instanceof EncodedValue encoded) ? encoded.bytes() : (byte[]) read).isEqualTo(bytes);
	}

	@Test
	void put_keepsUnicodeInInputsMetadataAndValues() {
		String text = "naïve café 日本語 \uD83D\uDE80 \u0000\u0007 \"quoted\" \\ back";
		CacheEntry entry = new CacheEntry("k1", "svc#ask(" + text + ")", Map.of("prompt", text), value(text), null,
				false, Map.of("note", text), this.clock.instant(), null);
		this.backend.put(entry);
		assertThat(hit("k1")).isEqualTo(entry);
		assertThat(keys(EntryFilter.byAnnotation("note", text))).containsExactly("k1");
	}

	@Test
	void put_keepsVeryLargeInputs() {
		String large = "x".repeat(2 * 1024 * 1024);
		CacheEntry entry = new CacheEntry("k1", "f", Map.of("document", large), value("v"), null, false, Map.of(),
				this.clock.instant(), null);
		this.backend.put(entry);
		assertThat(hit("k1").inputs()).containsEntry("document", large);
	}

	@Test
	void reopen_seesEntriesWrittenThroughAnotherBackendOverTheSameStore() {
		this.backend.put(entry("k1", "f", "v1"));
		CacheBackend other = reopen();
		assertThat(other.get(key("k1"))).isEqualTo(Lookup.hit(entry("k1", "f", "v1")));
	}

	@Test
	void concurrentReadersAndWritersOfOneKeyAlwaysSeeAWholeEntry() throws Exception {
		int writers = 4;
		int readers = 4;
		int rounds = 200;
		Set<Object> written = ConcurrentHashMap.newKeySet();
		ConcurrentLinkedQueue<Object> readValues = new ConcurrentLinkedQueue<>();
		runConcurrently(writers + readers, (thread) -> {
			for (int round = 0; round < rounds; round++) {
				if (thread < writers) {
					Object output = value("w" + thread + "-" + round);
					written.add(output);
					this.backend.put(entry("shared", "f", null).withOutput(output));
				}
				else if (this.backend.get(key("shared")) instanceof Lookup.Hit hit) {
					readValues.add(hit.entry().output());
				}
			}
		});
		assertThat(written).contains(hit("shared").output());
		assertThat(written).containsAll(readValues);
	}

	@Test
	void concurrentWritersOfManyKeysLoseNoWrite() throws Exception {
		int threads = 8;
		int perThread = 250;
		runConcurrently(threads, (thread) -> {
			for (int i = 0; i < perThread; i++) {
				this.backend.put(entry("t" + thread + "-" + i, "f", "v" + i));
				assertThat(this.backend.get(key("t" + thread + "-" + i))).isInstanceOf(Lookup.Hit.class);
			}
		});
		assertThat(this.backend.size()).isEqualTo(threads * perThread);
		for (int thread = 0; thread < threads; thread++) {
			assertThat(hit("t" + thread + "-" + (perThread - 1)).output()).isEqualTo(value("v" + (perThread - 1)));
		}
	}

	@Test
	void statsOfACacheOverTheBackendCountHitsMissesPutsAndEvictions() throws Throwable {
		JsonMapper jsonMapper = JsonMapper.builder().build();
		CacheSettings settings = new CacheSettings("contract", new Sha256KeyGenerator(jsonMapper, "1", Map.of()),
				new DefaultValueCodec(new JsonValueCodec(jsonMapper), new JavaSerializationCodec(List.of())),
				this.clock, null, List.of(), false);
		DefaultMemoCache cache = DefaultMemoCache.create(settings, (context) -> this.backend);
		MemoKey key = cache.key("svc#greet(String)", Map.of("name", "ada"));
		ResolvableType type = ResolvableType.forClass(String.class);
		for (int i = 0; i < 3; i++) {
			assertThat(cache.get(key, type, WriteOptions.DEFAULTS, () -> "hello ada")).isEqualTo("hello ada");
		}
		assertThat(cache.removeKey(key.key())).isTrue();
		CacheStats stats = cache.stats();
		assertThat(stats.misses()).isEqualTo(1);
		assertThat(stats.hits()).isEqualTo(2);
		assertThat(stats.puts()).isEqualTo(1);
		assertThat(stats.evictions()).isEqualTo(1);
		assertThat(stats.errors()).isZero();
	}

	/**
	 * The value a test stores: the string itself for backends that keep live objects, its
	 * JSON encoding for the others.
	 * @param text the value
	 * @return the stored form
	 */
	protected Object value(String text) {
		if (this.backend.storesLiveObjects()) {
			return text;
		}
		return new EncodedValue(EncodedValue.JSON,
				this.mapper.writeValueAsString(text).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A key of a call to {@code f}.
	 * @param key the key
	 * @return the key
	 */
	protected static MemoKey key(String key) {
		return new MemoKey(key, "f", Map.of());
	}

	/**
	 * An entry that never expires.
	 * @param key the key
	 * @param func the function
	 * @param output the output text
	 * @return the entry
	 */
	protected CacheEntry entry(String key, String func, String output) {
		return entry(key, func, output, Map.of(), null);
	}

	/**
	 * An entry with metadata that never expires.
	 * @param key the key
	 * @param func the function
	 * @param output the output text
	 * @param metadata the metadata
	 * @return the entry
	 */
	protected CacheEntry entry(String key, String func, String output, Map<String, String> metadata) {
		return entry(key, func, output, metadata, null);
	}

	/**
	 * An entry.
	 * @param key the key
	 * @param func the function
	 * @param output the output text, or {@code null}
	 * @param metadata the metadata
	 * @param expiresAt when it expires, or {@code null}
	 * @return the entry
	 */
	protected CacheEntry entry(String key, String func, String output, Map<String, String> metadata,
			Instant expiresAt) {
		return CacheEntry.of(key, func, Map.of("arg", key), (output != null) ? value(output) : null, metadata,
				this.clock.instant(), expiresAt);
	}

	private CacheEntry hit(String key) {
		Lookup lookup = this.backend.get(key(key));
		assertThat(lookup).as("lookup of %s", key).isInstanceOf(Lookup.Hit.class);
		return ((Lookup.Hit) lookup).entry();
	}

	private List<String> keys(EntryFilter filter) {
		List<String> keys = new ArrayList<>();
		String cursor = null;
		do {
			EntryPage page = this.backend.scan(filter, cursor, 100);
			page.entries().forEach((entry) -> keys.add(entry.key()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return keys;
	}

	private void putMany(int count, String func) {
		List<CacheEntry> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			batch.add(entry(String.format("m%06d", i), func, "v"));
			if (batch.size() == 500) {
				this.backend.putAll(batch);
				batch.clear();
			}
		}
		this.backend.putAll(batch);
	}

	private static void runConcurrently(int threads, ThreadBody body) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				int index = thread;
				futures.add(executor.submit(() -> {
					start.await();
					body.run(index);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface ThreadBody {

		void run(int thread) throws Exception;

	}

}
