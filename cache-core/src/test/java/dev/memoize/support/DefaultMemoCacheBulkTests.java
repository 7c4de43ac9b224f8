package dev.memoize.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

import dev.memoize.CacheEntry;
import dev.memoize.MemoizeException;
import dev.memoize.MemoizeListener;
import dev.memoize.WriteOptions;
import dev.memoize.codec.EncodedValue;
import dev.memoize.interceptor.CountingBackend;
import dev.memoize.key.MemoKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests of the engine's bulk read and bulk write, which batch methods use: one backend
 * call each, decoding to the declared type, statistics per key, expiry, undecodable
 * entries and backend faults.
 */
class DefaultMemoCacheBulkTests {

	private static final ResolvableType ANSWER = ResolvableType.forClass(Answer.class);

	private final CacheFixture fixture = new CacheFixture();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private MapBackend stored;

	private CountingBackend backend;

	private final DefaultMemoCache cache = this.fixture.cache("bulk", null, true, List.of(new RecordingListener()),
			(context) -> {
				this.stored = new MapBackend(context);
				this.backend = new CountingBackend(this.stored);
				return this.backend;
			});

	private MemoKey key(String prompt) {
		return this.cache.key("demo#ask", Map.of("prompt", prompt));
	}

	private static WriteOptions options(Duration ttl) {
		return new WriteOptions(ttl, Map.of("purpose", "test"), null);
	}

	@Test
	void putAll_writesEveryValueWithOneBulkWrite() {
		this.cache.putAll(Map.of(key("a"), new Answer("a", 1), key("b"), new Answer("b", 2)), options(null), null);
		assertThat(this.backend.putAlls).containsExactly(2);
		assertThat(this.backend.puts).hasValue(0);
		assertThat(this.stored.entries).hasSize(2);
	}

	@Test
	void putAll_storesPlainInputsTtlAndMetadataAndCountsPuts() {
		this.cache.putAll(Map.of(key("a"), new Answer("a", 1)), options(Duration.ofMinutes(5)), null);
		CacheEntry entry = this.stored.entries.get(key("a").key());
		assertThat(entry.inputs()).isEqualTo(Map.of("prompt", "a"));
		assertThat(entry.metadata()).isEqualTo(Map.of("purpose", "test"));
		assertThat(entry.expiresAt()).isEqualTo(this.fixture.clock.instant().plus(Duration.ofMinutes(5)));
		assertThat(entry.output()).isInstanceOf(EncodedValue.class);
		assertThat(this.cache.stats().puts()).isEqualTo(1);
		assertThat(this.events).containsExactly("put");
	}

	@Test
	void putAll_countsItsLoadTimeAsOneComputation() {
		this.cache.putAll(Map.of(key("a"), "x", key("b"), "y"), options(null), Duration.ofMillis(3));
		assertThat(this.cache.stats().loads()).isEqualTo(1);
		assertThat(this.cache.stats().totalLoadNanos()).isEqualTo(Duration.ofMillis(3).toNanos());
	}

	@Test
	void putAll_skipsValuesTheVetoRejects() {
		this.cache.putAll(Map.of(key("a"), "keep", key("b"), ""), new WriteOptions(null, Map.of(), ""::equals), null);
		assertThat(this.stored.entries).containsOnlyKeys(key("a").key());
	}

	@Test
	void putAll_ofNothingDoesNotCallTheBackend() {
		this.cache.putAll(Map.of(), options(null), null);
		assertThat(this.backend.putAlls).isEmpty();
	}

	@Test
	void putAll_valueThatCannotBeEncodedStoresNothing() {
		Map<MemoKey, Object> values = new LinkedHashMap<>();
		values.put(key("a"), "fine");
		values.put(key("b"), new Unwritable());
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> this.cache.putAll(values, options(null), null))
			.withMessageContaining("Cache 'bulk' cannot store the results of demo#ask, so none was stored");
		assertThat(this.stored.entries).isEmpty();
		assertThat(this.cache.stats().errors()).isEqualTo(1);
	}

	@Test
	void getAll_readsEveryKeyWithOneBulkReadAndDecodesToTheDeclaredType() {
		this.cache.putAll(Map.of(key("a"), new Answer("a", 1), key("b"), new Answer("b", 2)), options(null), null);
		Map<String, Object> values = this.cache.getAll(List.of(key("a"), key("b"), key("c")), ANSWER);
		assertThat(values).containsOnly(entry(key("a").key(), new Answer("a", 1)),
				entry(key("b").key(), new Answer("b", 2)));
		assertThat(this.backend.getAlls).containsExactly(3);
		assertThat(this.backend.gets).hasValue(0);
	}

	@Test
	void getAll_answersAStoredNullAsAHit() {
		Map<MemoKey, Object> values = new LinkedHashMap<>();
		values.put(key("none"), null);
		this.cache.putAll(values, options(null), null);
		assertThat(this.cache.getAll(List.of(key("none")), ANSWER)).containsExactly(entry(key("none").key(), null));
		assertThat(this.cache.stats().hits()).isEqualTo(1);
	}

	@Test
	void getAll_countsOneHitOrMissPerRequestedKeyDuplicatesIncluded() {
		this.cache.putAll(Map.of(key("a"), "x"), options(null), null);
		this.cache.getAll(List.of(key("a"), key("b"), key("a"), key("b"), key("b")), CacheFixture.STRING);
		assertThat(this.cache.stats().hits()).isEqualTo(2);
		assertThat(this.cache.stats().misses()).isEqualTo(3);
		assertThat(this.events).containsExactly("put", "hit", "miss", "hit", "miss", "miss");
	}

	@Test
	void getAll_ofNoKeyDoesNotCallTheBackend() {
		assertThat(this.cache.getAll(List.of(), ANSWER)).isEmpty();
		assertThat(this.backend.getAlls).isEmpty();
	}

	@Test
	void getAll_treatsAnExpiredEntryAsAMiss() {
		this.stored.put(CacheEntry.of(key("a").key(), "demo#ask", Map.of("prompt", "a"), json("\"old\""), Map.of(),
				Instant.EPOCH, this.fixture.clock.instant()));
		assertThat(this.cache.getAll(List.of(key("a")), CacheFixture.STRING)).isEmpty();
		assertThat(this.cache.stats().misses()).isEqualTo(1);
		assertThat(this.cache.stats().hits()).isZero();
	}

	@Test
	void getAll_treatsAnUndecodableEntryAsAMissAndRemovesIt() {
		this.cache.putAll(Map.of(key("good"), new Answer("good", 1)), options(null), null);
		this.stored.put(CacheEntry.of(key("bad").key(), "demo#ask", Map.of("prompt", "bad"), json("{\"text\":"),
				Map.of(), Instant.EPOCH, null));
		Map<String, Object> values = this.cache.getAll(List.of(key("good"), key("bad")), ANSWER);
		assertThat(values).containsOnlyKeys(key("good").key());
		assertThat(this.stored.entries).doesNotContainKey(key("bad").key());
		assertThat(this.cache.stats().errors()).isEqualTo(1);
		assertThat(this.cache.stats().misses()).isEqualTo(1);
	}

	@Test
	void getAll_failOpenAnswersNothingAndCountsOneErrorPerBulkRead() {
		DefaultMemoCache down = this.fixture.cache("down", null, true, List.of(),
				(context) -> new FailingBackend(false));
		assertThat(down.getAll(List.of(key("a"), key("b"), key("c")), ANSWER)).isEmpty();
		assertThat(down.stats().errors()).isEqualTo(1);
		assertThat(down.stats().misses()).isEqualTo(3);
	}

	@Test
	void getAll_failClosedThrowsNamingTheCache() {
		DefaultMemoCache down = this.fixture.cache("down", null, false, List.of(),
				(context) -> new FailingBackend(false));
		assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> down.getAll(List.of(key("a")), ANSWER))
			.withMessageContaining("Cache 'down' failed to read");
	}

	@Test
	void putAll_failOpenSkipsTheWriteAndCountsTheError() {
		DefaultMemoCache down = this.fixture.cache("down", null, true, List.of(),
				(context) -> new FailingBackend(false));
		down.putAll(Map.of(key("a"), "x"), options(null), null);
		assertThat(down.stats().errors()).isEqualTo(1);
		assertThat(down.stats().puts()).isZero();
	}

	@Test
	void putAll_failClosedThrowsNamingTheCache() {
		DefaultMemoCache down = this.fixture.cache("down", null, false, List.of(),
				(context) -> new FailingBackend(false));
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> down.putAll(Map.of(key("a"), "x"), options(null), null))
			.withMessageContaining("Cache 'down' failed to write");
	}

	private static EncodedValue json(String text) {
		return new EncodedValue(EncodedValue.JSON, text.getBytes(StandardCharsets.UTF_8));
	}

	record Answer(String text, int score) {
	}

	/**
	 * A value whose only property fails, so JSON cannot carry it.
	 */
	static class Unwritable {

		public String getValue() {
			throw new UnsupportedOperationException("no JSON form");
		}

	}

	private final class RecordingListener implements MemoizeListener {

		@Override
		public void onHit(String cache, CacheEntry entry) {
			DefaultMemoCacheBulkTests.this.events.add("hit");
		}

		@Override
		public void onMiss(String cache, MemoKey key) {
			DefaultMemoCacheBulkTests.this.events.add("miss");
		}

		@Override
		public void onPut(String cache, CacheEntry entry) {
			DefaultMemoCacheBulkTests.this.events.add("put");
		}

	}

}
