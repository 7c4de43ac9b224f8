package dev.memoize.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.WriteOptions;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;

import static dev.memoize.support.CacheFixture.counting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine over a backend that does not keep live objects.
 */
class DefaultMemoCachePersistentTest {

	private static final ResolvableType ANSWERS = ResolvableType.forClassWithGenerics(List.class, Answer.class);

	private final CacheFixture fixture = new CacheFixture();

	private final AtomicInteger calls = new AtomicInteger();

	private MapBackend backend;

	private final DefaultMemoCache cache = this.fixture.cache("disk", null, true, List.of(), (context) -> {
		this.backend = new MapBackend(context);
		return this.backend;
	});

	@Test
	void get_handsBackendEncodedValues() throws Throwable {
		MemoKey key = this.cache.key("demo#ask", Map.of("prompt", "hi"));
		this.cache.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, List.of(new Answer("a", 1))));
		CacheEntry stored = this.backend.entries.get(key.key());
		assertThat(stored.output()).isInstanceOfSatisfying(EncodedValue.class, (encoded) -> {
			assertThat(encoded.format()).isEqualTo(EncodedValue.JSON);
			assertThat(new String(encoded.bytes(), StandardCharsets.UTF_8)).contains("\"text\":\"a\"");
		});
	}

	@Test
	void get_decodesStoredValueToDeclaredGenericType() throws Throwable {
		MemoKey key = this.cache.key("demo#ask", Map.of("prompt", "hi"));
		List<Answer> answers = List.of(new Answer("a", 1), new Answer("b", 2));
		this.cache.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, answers));
		Object read = this.cache.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, List.of()));
		assertThat(this.calls).hasValue(1);
		assertThat(read).isEqualTo(answers);
		assertThat((List<?>) read).allSatisfy((element) -> assertThat(element).isInstanceOf(Answer.class));
	}

	@Test
	void get_decodesStoredMapOfStringToInteger() throws Throwable {
		ResolvableType type = ResolvableType.forClassWithGenerics(Map.class, String.class, Integer.class);
		MemoKey key = this.cache.key("demo#count", Map.of());
		this.cache.get(key, type, WriteOptions.DEFAULTS, counting(this.calls, Map.of("a", 1)));
		assertThat(this.cache.get(key, type, WriteOptions.DEFAULTS, counting(this.calls, Map.of())))
			.isEqualTo(Map.of("a", 1));
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void get_servesCachedNullFromEncodedForm() throws Throwable {
		MemoKey key = this.cache.key("demo#find", Map.of("id", 1));
		this.cache.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, null));
		assertThat(this.backend.entries).hasSize(1);
		assertThat(this.cache.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, List.of()))).isNull();
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void getByCall_givesPlainJsonValues() throws Throwable {
		MemoKey key = this.cache.key("demo#ask", Map.of("prompt", "hi"));
		this.cache.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, List.of(new Answer("a", 1))));
		CacheEntry entry = this.cache.get("demo#ask", Map.of("prompt", "hi")).orElseThrow();
		assertThat(entry.output()).isEqualTo(List.of(Map.of("text", "a", "score", 1)));
	}

	@Test
	void get_treatsCorruptEntryAsMissAndComputes() throws Throwable {
		MemoKey key = this.cache.key("demo#ask", Map.of("prompt", "hi"));
		this.backend.put(corrupt(key));
		List<Answer> fresh = List.of(new Answer("fresh", 1));
		assertThat(this.cache.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, fresh))).isEqualTo(fresh);
		assertThat(this.calls).hasValue(1);
		assertThat(this.cache.stats().errors()).isEqualTo(1);
		assertThat(this.cache.stats().misses()).isEqualTo(1);
		assertThat(this.cache.stats().hits()).isZero();
	}

	@Test
	void getByCall_treatsCorruptEntryAsMissAndRemovesIt() {
		MemoKey key = this.cache.key("demo#ask", Map.of("prompt", "hi"));
		this.backend.put(corrupt(key));
		assertThat(this.cache.get("demo#ask", Map.of("prompt", "hi"))).isEmpty();
		assertThat(this.backend.entries).doesNotContainKey(key.key());
		assertThat(this.cache.stats().errors()).isEqualTo(1);
		assertThat(this.cache.stats().misses()).isEqualTo(1);
		assertThat(this.cache.stats().hits()).isZero();
	}

	@Test
	void get_removesCorruptEntryBeforeStoringFreshOne() throws Throwable {
		MemoKey key = this.cache.key("demo#ask", Map.of("prompt", "hi"));
		this.backend.put(corrupt(key));
		this.cache.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, List.of(new Answer("fresh", 1))));
		assertThat(this.backend.removes).hasValue(1);
		assertThat(this.cache.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, List.of())))
			.isEqualTo(List.of(new Answer("fresh", 1)));
	}

	@Test
	void entries_skipsAndRemovesCorruptEntry() {
		this.cache.put("demo#ask", Map.of("prompt", "good"), "fine");
		MemoKey bad = this.cache.key("demo#ask", Map.of("prompt", "bad"));
		this.backend.put(corrupt(bad));
		assertThat(this.cache.entries(EntryFilter.ALL)).extracting(CacheEntry::value).containsExactly("fine");
		assertThat(this.backend.entries).doesNotContainKey(bad.key());
		assertThat(this.cache.stats().errors()).isEqualTo(1);
	}

	@Test
	void put_annotatedEntryServesExpectedValueDecoded() throws Throwable {
		CacheEntry computed = this.cache.put("demo#ask", Map.of("prompt", "hi"), List.of(new Answer("model", 1)));
		this.cache.put(computed.annotate(List.of(new Answer("golden", 5)), Map.of("reviewed", "yes")));
		CacheEntry stored = this.backend.entries.get(computed.key());
		assertThat(stored.expected()).isInstanceOf(EncodedValue.class);
		MemoKey key = this.cache.key("demo#ask", Map.of("prompt", "hi"));
		assertThat(this.cache.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, List.of())))
			.isEqualTo(List.of(new Answer("golden", 5)));
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void get_treatsEntryPastTtlAsMiss() throws Throwable {
		DefaultMemoCache withTtl = this.fixture.cache("disk-ttl", Duration.ofMinutes(1), true, List.of(),
				MapBackend::new);
		MemoKey key = withTtl.key("demo#ask", Map.of("prompt", "hi"));
		withTtl.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, List.of()));
		this.fixture.clock.advance(Duration.ofMinutes(2));
		withTtl.get(key, ANSWERS, WriteOptions.DEFAULTS, counting(this.calls, List.of()));
		assertThat(this.calls).hasValue(2);
	}

	private static CacheEntry corrupt(MemoKey key) {
		EncodedValue garbage = new EncodedValue(EncodedValue.JSON, new byte[] { '{', (byte) 0xc3, 0x00, '[' });
		return CacheEntry.of(key.key(), key.func(), Map.of("prompt", "hi"), garbage, Map.of(), java.time.Instant.EPOCH,
				null);
	}

	record Answer(String text, int score) {
	}

}
