package dev.memoize.backend.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;
import dev.memoize.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What in-memory backends do beyond the backend contract ({@code CacheBackendContract},
 * run by {@link InHeapBackendContractTests}): keep live objects, bound their size, report
 * evictions and page in key order.
 */
abstract class MemoryBackendContractTest {

	protected final TestClock clock = new TestClock();

	protected final List<String> evicted = new CopyOnWriteArrayList<>();

	protected final BackendContext context = new BackendContext("test", this.clock, this.evicted::add);

	/**
	 * Creates the backend under test.
	 * @param maxEntries the bound
	 * @param context the context
	 * @return the backend
	 */
	protected abstract CacheBackend create(long maxEntries, BackendContext context);

	protected CacheBackend create(long maxEntries) {
		return create(maxEntries, this.context);
	}

	@Test
	void storesLiveObjects_isTrue() {
		assertThat(create(10).storesLiveObjects()).isTrue();
	}

	@Test
	void get_returnsEntryAfterPut() {
		CacheBackend backend = create(10);
		Object output = new Object();
		CacheEntry entry = entry("k1", "f", output, Map.of(), null);
		backend.put(entry);
		assertThat(backend.get(key("k1"))).isInstanceOfSatisfying(Lookup.Hit.class, (hit) -> {
			assertThat(hit.entry()).isEqualTo(entry);
			assertThat(hit.entry().output()).isSameAs(output);
		});
	}

	@Test
	void evictionListener_isToldKeyOfExpiredEntry() {
		CacheBackend backend = create(10);
		backend.put(entry("k1", "f", "v", Map.of(), this.clock.instant().plus(Duration.ofMinutes(1))));
		this.clock.advance(Duration.ofMinutes(2));
		backend.get(key("k1"));
		backend.size();
		assertThat(this.evicted).containsExactly("k1");
	}

	@Test
	void put_keepsEntryCountWithinMaxEntries() {
		CacheBackend backend = create(50);
		for (int i = 0; i < 500; i++) {
			backend.put(entry(String.format("k%04d", i), "f", i, Map.of(), null));
		}
		assertThat(backend.size()).isLessThanOrEqualTo(50).isPositive();
	}

	@Test
	void evictionListener_isToldEveryKeyEvictedForRoom() {
		CacheBackend backend = create(50);
		for (int i = 0; i < 500; i++) {
			backend.put(entry(String.format("k%04d", i), "f", i, Map.of(), null));
		}
		long size = backend.size();
		assertThat(this.evicted).hasSize((int) (500 - size)).doesNotHaveDuplicates();
		assertThat(this.evicted).allSatisfy((key) -> assertThat(backend.get(key(key))).isSameAs(Lookup.miss()));
	}

	@Test
	void scan_visitsEveryEntryExactlyOnceInKeyOrder() {
		CacheBackend backend = create(10_000);
		List<String> expected = new ArrayList<>();
		for (int i = 2499; i >= 0; i--) {
			String key = String.format("k%05d", i);
			backend.put(entry(key, "f", i, Map.of(), null));
			expected.add(0, key);
		}
		List<String> seen = new ArrayList<>();
		List<Integer> pageSizes = new ArrayList<>();
		String cursor = null;
		do {
			EntryPage page = backend.scan(EntryFilter.ALL, cursor, 1000);
			pageSizes.add(page.entries().size());
			page.entries().forEach((entry) -> seen.add(entry.key()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		assertThat(pageSizes).containsExactly(1000, 1000, 500);
		assertThat(seen).isEqualTo(expected);
	}

	protected static MemoKey key(String key) {
		return new MemoKey(key, "f", Map.of());
	}

	protected CacheEntry entry(String key, String func, Object output, Map<String, String> metadata,
			Instant expiresAt) {
		return CacheEntry.of(key, func, Map.of("x", 1), output, metadata, this.clock.instant(), expiresAt);
	}

	static CacheEntry entryOf(String key) {
		return CacheEntry.of(key, "f", Map.of(), "v", Map.of(), Instant.EPOCH, null);
	}

	protected static CacheEntry hit(CacheBackend backend, String key) {
		Lookup lookup = backend.get(key(key));
		assertThat(lookup).isInstanceOf(Lookup.Hit.class);
		return ((Lookup.Hit) lookup).entry();
	}

	protected static List<String> keys(CacheBackend backend) {
		return backend.scan(EntryFilter.ALL, null, Integer.MAX_VALUE).entries().stream().map(CacheEntry::key).toList();
	}

}
