package dev.memoize.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

import dev.memoize.CacheEntry;
import dev.memoize.CacheStats;
import dev.memoize.EntryFilter;
import dev.memoize.MemoizeListener;
import dev.memoize.WriteOptions;
import dev.memoize.backend.callback.CallbackBackend;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;
import dev.memoize.key.MemoKey;

import static dev.memoize.support.CacheFixture.STRING;
import static dev.memoize.support.CacheFixture.call;
import static dev.memoize.support.CacheFixture.counting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DefaultMemoCacheTest {

	private final CacheFixture fixture = new CacheFixture();

	private final TestClock clock = this.fixture.clock;

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void get_computesOnMissAndServesHitAfterwards() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(null);
		MemoKey key = cache.key("demo#ask(String)", Map.of("prompt", "hi"));
		assertThat(call(cache, key, counting(this.calls, "answer"))).isEqualTo("answer");
		assertThat(call(cache, key, counting(this.calls, "other"))).isEqualTo("answer");
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void get_computesSeparatelyForDifferentInputs() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(null);
		call(cache, cache.key("demo#ask", Map.of("prompt", "a")), counting(this.calls, "A"));
		Object b = call(cache, cache.key("demo#ask", Map.of("prompt", "b")), counting(this.calls, "B"));
		assertThat(b).isEqualTo("B");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void get_cachesNullValue() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(null);
		MemoKey key = cache.key("demo#find", Map.of("id", 7));
		assertThat(call(cache, key, counting(this.calls, null))).isNull();
		assertThat(call(cache, key, counting(this.calls, "late"))).isNull();
		assertThat(this.calls).hasValue(1);
		assertThat(cache.size()).isEqualTo(1);
	}

	@Test
	void get_doesNotCacheExceptions() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(null);
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		IOException failure = new IOException("remote down");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> call(cache, key, () -> {
			this.calls.incrementAndGet();
			throw failure;
		})).isSameAs(failure);
		assertThat(cache.size()).isZero();
		assertThat(call(cache, key, counting(this.calls, "recovered"))).isEqualTo("recovered");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void get_storesNothingWhenUnlessVetoesResult() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(null);
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		WriteOptions vetoEmpty = new WriteOptions(null, Map.of(), (result) -> "".equals(result));
		assertThat(cache.get(key, STRING, vetoEmpty, counting(this.calls, ""))).isEqualTo("");
		assertThat(cache.size()).isZero();
		assertThat(cache.stats().puts()).isZero();
		assertThat(cache.get(key, STRING, vetoEmpty, counting(this.calls, "full"))).isEqualTo("full");
		assertThat(cache.get(key, STRING, vetoEmpty, counting(this.calls, "again"))).isEqualTo("full");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void get_expiresEntryAfterCacheTtl() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(Duration.ofMinutes(10));
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		call(cache, key, counting(this.calls, "first"));
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(call(cache, key, counting(this.calls, "second"))).isEqualTo("first");
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(call(cache, key, counting(this.calls, "second"))).isEqualTo("second");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void get_usesTtlOfWriteOptionsOverCacheTtl() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(Duration.ofMinutes(10));
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		WriteOptions oneMinute = new WriteOptions(Duration.ofMinutes(1), Map.of(), null);
		cache.get(key, STRING, oneMinute, counting(this.calls, "first"));
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(cache.get(key, STRING, oneMinute, counting(this.calls, "second"))).isEqualTo("first");
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(cache.get(key, STRING, oneMinute, counting(this.calls, "second"))).isEqualTo("second");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void get_keepsEntryForeverWithoutAnyTtl() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(null);
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		call(cache, key, counting(this.calls, "first"));
		this.clock.advance(Duration.ofDays(3650));
		assertThat(call(cache, key, counting(this.calls, "second"))).isEqualTo("first");
		assertThat(cache.get("demo#ask", Map.of("prompt", "hi"))).get().extracting(CacheEntry::expiresAt).isNull();
	}

	@Test
	void get_storesEntryWithCallTimesAndMetadataOfWriteOptions() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(Duration.ofHours(1));
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		cache.get(key, STRING, new WriteOptions(null, Map.of("purpose", "answer"), null),
				counting(this.calls, "value"));
		CacheEntry entry = cache.get("demo#ask", Map.of("prompt", "hi")).orElseThrow();
		assertThat(entry.key()).isEqualTo(key.key());
		assertThat(entry.func()).isEqualTo("demo#ask");
		assertThat(entry.inputs()).isEqualTo(Map.of("prompt", "hi"));
		assertThat(entry.output()).isEqualTo("value");
		assertThat(entry.metadata()).isEqualTo(Map.of("purpose", "answer"));
		assertThat(entry.createdAt()).isEqualTo(this.clock.instant());
		assertThat(entry.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofHours(1)));
	}

	@Test
	void get_servesExpectedValueOfAnnotatedEntry() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(null);
		CacheEntry computed = cache.put("demo#ask", Map.of("prompt", "hi"), "model answer");
		cache.put(computed.annotate("golden answer", Map.of("reviewed", "yes")));
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		assertThat(call(cache, key, counting(this.calls, "computed"))).isEqualTo("golden answer");
		assertThat(this.calls).hasValue(0);
		CacheEntry stored = cache.get("demo#ask", Map.of("prompt", "hi")).orElseThrow();
		assertThat(stored.output()).isEqualTo("model answer");
		assertThat(stored.metadata()).containsEntry("reviewed", "yes");
	}

	@Test
	void get_convertsLiveValueOfAnotherShapeToDeclaredType() throws Throwable {
		DefaultMemoCache cache = this.fixture.cache("fixtures", null, true, List.of(), (context) -> new CallbackBackend(
				List.of((name, key) -> Optional.of(Map.of("text", "from feed", "score", 3))), context));
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		Object value = cache.get(key, ResolvableType.forClass(Answer.class), WriteOptions.DEFAULTS,
				counting(this.calls, null));
		assertThat(value).isEqualTo(new Answer("from feed", 3));
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void get_convertsElementsOfLiveCollectionOfAnotherShape() throws Throwable {
		DefaultMemoCache cache = this.fixture.cache("fixtures", null, true, List.of(), (context) -> new CallbackBackend(
				List.of((name, key) -> Optional.of(List.of(Map.of("text", "a", "score", 1)))), context));
		MemoKey key = cache.key("demo#list", Map.of("prompt", "hi"));
		Object value = cache.get(key, ResolvableType.forClassWithGenerics(List.class, Answer.class),
				WriteOptions.DEFAULTS, counting(this.calls, null));
		assertThat(value).isEqualTo(List.of(new Answer("a", 1)));
	}

	@Test
	void get_servesMethodsOwnCollectionAsIs() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(null);
		MemoKey key = cache.key("demo#list", Map.of("prompt", "hi"));
		List<Answer> computed = List.of(new Answer("a", 1));
		ResolvableType type = ResolvableType.forClassWithGenerics(List.class, Answer.class);
		call(cache, key, () -> computed);
		assertThat(cache.get(key, type, WriteOptions.DEFAULTS, counting(this.calls, null))).isSameAs(computed);
	}

	@Test
	void getByCall_returnsEmptyOnMissAndEntryAfterPut() {
		DefaultMemoCache cache = this.fixture.memory(null);
		assertThat(cache.get("demo#ask", Map.of("prompt", "hi"))).isEmpty();
		cache.put("demo#ask", Map.of("prompt", "hi"), "value");
		assertThat(cache.get("demo#ask", Map.of("prompt", "hi"))).get()
			.extracting(CacheEntry::value)
			.isEqualTo("value");
	}

	@Test
	void put_usesCacheTtl() {
		DefaultMemoCache cache = this.fixture.memory(Duration.ofMinutes(5));
		CacheEntry entry = cache.put("demo#ask", Map.of("prompt", "hi"), "value");
		assertThat(entry.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(5)));
	}

	@Test
	void put_storesInputsAsPlainJsonValues() {
		DefaultMemoCache cache = this.fixture.memory(null);
		CacheEntry entry = cache.put("demo#ask", Map.of("query", new Answer("q", 1)), "value");
		assertThat(entry.inputs()).isEqualTo(Map.of("query", Map.of("text", "q", "score", 1)));
	}

	@Test
	void remove_removesEntryOfCall() {
		DefaultMemoCache cache = this.fixture.memory(null);
		cache.put("demo#ask", Map.of("prompt", "hi"), "value");
		assertThat(cache.remove("demo#ask", Map.of("prompt", "hi"))).isTrue();
		assertThat(cache.get("demo#ask", Map.of("prompt", "hi"))).isEmpty();
		assertThat(cache.remove("demo#ask", Map.of("prompt", "hi"))).isFalse();
	}

	@Test
	void clear_removesEntriesSelectedByFilter() {
		DefaultMemoCache cache = this.fixture.memory(null);
		cache.put("demo#ask", Map.of("prompt", "a"), "A");
		cache.put("demo#ask", Map.of("prompt", "b"), "B");
		cache.put("demo#tell", Map.of("prompt", "a"), "T");
		assertThat(cache.clear(EntryFilter.byFunc("demo#ask"))).isEqualTo(2);
		assertThat(cache.entries(EntryFilter.ALL)).extracting(CacheEntry::func).containsExactly("demo#tell");
		assertThat(cache.clear()).isEqualTo(1);
		assertThat(cache.size()).isZero();
	}

	@Test
	void stats_countHitsMissesPutsAndLoads() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(null);
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		for (int i = 0; i < 4; i++) {
			call(cache, key, counting(this.calls, "v"));
		}
		CacheStats stats = cache.stats();
		assertThat(stats.misses()).isEqualTo(1);
		assertThat(stats.hits()).isEqualTo(3);
		assertThat(stats.puts()).isEqualTo(1);
		assertThat(stats.loads()).isEqualTo(1);
		assertThat(stats.errors()).isZero();
		assertThat(stats.hitRate()).isEqualTo(0.75);
	}

	@Test
	void stats_hitRateIsZeroWithoutLookups() {
		assertThat(this.fixture.memory(null).stats().hitRate()).isZero();
	}

	@Test
	void stats_countEvictionsOfRemovalExpiryAndClear() throws Throwable {
		DefaultMemoCache cache = this.fixture.memory(Duration.ofMinutes(1));
		cache.put("demo#ask", Map.of("prompt", "a"), "A");
		cache.removeKey(cache.key("demo#ask", Map.of("prompt", "a")).key());
		assertThat(cache.stats().evictions()).isEqualTo(1);
		MemoKey expiring = cache.key("demo#ask", Map.of("prompt", "b"));
		call(cache, expiring, counting(this.calls, "B"));
		this.clock.advance(Duration.ofMinutes(2));
		call(cache, expiring, counting(this.calls, "B2"));
		assertThat(cache.stats().evictions()).isEqualTo(2);
		cache.put("demo#ask", Map.of("prompt", "c"), "C");
		cache.clear();
		assertThat(cache.stats().evictions()).isEqualTo(4);
	}

	@Test
	void stats_countEvictionsForRoom() {
		DefaultMemoCache cache = this.fixture.memory("small", null, 2);
		for (int i = 0; i < 5; i++) {
			cache.put("demo#ask", Map.of("i", i), i);
		}
		assertThat(cache.stats().evictions()).isEqualTo(3);
		assertThat(cache.size()).isEqualTo(2);
	}

	@Test
	void listeners_seeMissPutHitAndEvictInOrder() throws Throwable {
		List<String> events = new CopyOnWriteArrayList<>();
		DefaultMemoCache cache = this.fixture.memory(null, new RecordingListener(events));
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		call(cache, key, counting(this.calls, "v"));
		call(cache, key, counting(this.calls, "v"));
		cache.removeKey(key.key());
		assertThat(events).containsExactly("memory:miss:" + key.key(), "memory:put:" + key.key() + "=v",
				"memory:hit:" + key.key() + "=v", "memory:evict:" + key.key());
	}

	@Test
	void listeners_seeEvictionOfExpiredEntry() throws Throwable {
		List<String> events = new CopyOnWriteArrayList<>();
		DefaultMemoCache cache = this.fixture.memory(Duration.ofMinutes(1), new RecordingListener(events));
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		call(cache, key, counting(this.calls, "v"));
		this.clock.advance(Duration.ofMinutes(5));
		events.clear();
		cache.get("demo#ask", Map.of("prompt", "hi"));
		assertThat(events).containsExactly("memory:evict:" + key.key(), "memory:miss:" + key.key());
	}

	@Test
	void listeners_aThrowingListenerDoesNotFailTheCallNorStopOthers() throws Throwable {
		List<String> events = new CopyOnWriteArrayList<>();
		MemoizeListener throwing = new MemoizeListener() {

			@Override
			public void onHit(String cache, CacheEntry entry) {
				throw new IllegalStateException("listener bug");
			}

			@Override
			public void onMiss(String cache, MemoKey key) {
				throw new IllegalStateException("listener bug");
			}

			@Override
			public void onPut(String cache, CacheEntry entry) {
				throw new IllegalStateException("listener bug");
			}

		};
		DefaultMemoCache cache = this.fixture.memory(null, throwing, new RecordingListener(events));
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		assertThat(call(cache, key, counting(this.calls, "v"))).isEqualTo("v");
		assertThat(call(cache, key, counting(this.calls, "w"))).isEqualTo("v");
		assertThat(events).hasSize(3);
	}

	@Test
	void entries_readsPagesLazily() {
		ScanCountingBackend[] backend = new ScanCountingBackend[1];
		DefaultMemoCache cache = this.fixture.cache("paged", null, true, List.of(), (context) -> {
			backend[0] = new ScanCountingBackend(MemoryBackends.create(10_000, Eviction.LRU, context));
			return backend[0];
		});
		for (int i = 0; i < 1_200; i++) {
			cache.put("demo#f", Map.of("i", i), i);
		}
		assertThat(cache.entries(EntryFilter.ALL).findFirst()).isPresent();
		assertThat(backend[0].scans).hasValue(1);
		backend[0].scans.set(0);
		assertThat(cache.entries(EntryFilter.ALL).limit(600).count()).isEqualTo(600);
		assertThat(backend[0].scans).hasValue(2);
		backend[0].scans.set(0);
		List<String> keys = new ArrayList<>();
		cache.entries(EntryFilter.ALL).forEach((entry) -> keys.add(entry.key()));
		assertThat(keys).hasSize(1_200).doesNotHaveDuplicates().isSorted();
		assertThat(backend[0].scans).hasValue(3);
	}

	@Test
	void entries_appliesFilter() {
		DefaultMemoCache cache = this.fixture.memory(null);
		cache.put("demo#ask", Map.of("prompt", "a"), "A");
		cache.put(cache.put("demo#ask", Map.of("prompt", "b"), "B").annotate("golden", Map.of("team", "search")));
		cache.put("demo#tell", Map.of("prompt", "a"), "T");
		assertThat(cache.entries(EntryFilter.byFunc("demo#ask").andAnnotation("team", "search")))
			.extracting(CacheEntry::value)
			.containsExactly("golden");
	}

	record Answer(String text, int score) {
	}

	static final class RecordingListener implements MemoizeListener {

		private final List<String> events;

		RecordingListener(List<String> events) {
			this.events = events;
		}

		@Override
		public void onHit(String cache, CacheEntry entry) {
			this.events.add(cache + ":hit:" + entry.key() + "=" + entry.value());
		}

		@Override
		public void onMiss(String cache, MemoKey key) {
			this.events.add(cache + ":miss:" + key.key());
		}

		@Override
		public void onPut(String cache, CacheEntry entry) {
			this.events.add(cache + ":put:" + entry.key() + "=" + entry.value());
		}

		@Override
		public void onEvict(String cache, String key) {
			this.events.add(cache + ":evict:" + key);
		}

		@Override
		public void onError(String cache, Throwable error) {
			this.events.add(cache + ":error:" + error.getClass().getSimpleName());
		}

	}

}
