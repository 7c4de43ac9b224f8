package dev.memoize.support;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import tools.jackson.databind.node.ObjectNode;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.WriteOptions;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonLinesEntriesTests {

	private static final ResolvableType ANSWER = ResolvableType.forClass(Answer.class);

	private final CacheFixture fixture = new CacheFixture();

	private final JsonLinesEntries lines = new JsonLinesEntries(this.fixture.mapper);

	private final DefaultMemoCache persistent = this.fixture.cache("persistent", null, true, List.of(),
			MapBackend::new);

	private final DefaultMemoCache memory = this.fixture.memory("memory", null, 1000);

	@Test
	void exportWritesOneJsonDocumentPerEntryWithValuesAsJson() {
		this.persistent.put("ask", Map.of("prompt", "hi"), new Answer("hello", 3));
		this.persistent.put("ask", Map.of("prompt", "bye"), new Answer("goodbye", 1));
		StringWriter out = new StringWriter();
		assertThat(this.lines.exportTo(this.persistent, EntryFilter.ALL, out)).isEqualTo(2);
		List<String> written = out.toString().lines().toList();
		assertThat(written).hasSize(2)
			.allSatisfy((line) -> assertThat(line).contains("\"func\":\"ask\"")
				.contains("\"output\":{\"text\":")
				.contains("\"createdAt\":\"")
				.contains("\"expiresAt\":null"));
	}

	@Test
	void importedEntriesAreServedWithoutComputing() throws Throwable {
		MemoKey key = this.persistent.key("ask", Map.of("prompt", "hi"));
		this.persistent.put("ask", Map.of("prompt", "hi"), new Answer("hello", 3));
		StringWriter out = new StringWriter();
		this.lines.exportTo(this.persistent, EntryFilter.ALL, out);
		assertThat(this.lines.importFrom(this.memory, new StringReader(out.toString()))).isEqualTo(1);
		AtomicInteger calls = new AtomicInteger();
		Object value = this.memory.get(key, ANSWER, WriteOptions.DEFAULTS,
				CacheFixture.counting(calls, new Answer("computed", 0)));
		assertThat(value).isEqualTo(new Answer("hello", 3));
		assertThat(calls).hasValue(0);
	}

	@Test
	void importKeepsAndServesExpectedValues() throws Throwable {
		MemoKey key = this.memory.key("ask", Map.of("prompt", "golden"));
		CacheEntry entry = this.memory.put("ask", Map.of("prompt", "golden"), new Answer("computed", 1))
			.annotate(new Answer("golden", 5), Map.of("reviewed", "yes"));
		String line = this.fixture.mapper.writeValueAsString(this.lines.toJson(entry));
		this.lines.importFrom(this.persistent, new StringReader(line + "\n\n"));
		CacheEntry stored = this.persistent.entry(key.key()).orElseThrow();
		assertThat(stored.annotated()).isTrue();
		assertThat(stored.metadata()).containsEntry("reviewed", "yes");
		assertThat(this.persistent.get(key, ANSWER, WriteOptions.DEFAULTS, () -> null))
			.isEqualTo(new Answer("golden", 5));
	}

	@Test
	void javaSerializedValuesTravelAsBase64WithTheirFormat() {
		byte[] bytes = "not json".getBytes(StandardCharsets.UTF_8);
		this.persistent.put(CacheEntry.of("k1", "f", Map.of(), new EncodedValue(EncodedValue.JAVA, bytes), Map.of(),
				this.fixture.clock.instant(), null));
		ObjectNode json = this.lines.toJson(JsonLinesEntries.stored(this.persistent, "k1").orElseThrow());
		assertThat(json.get("outputFormat").asString()).isEqualTo("java");
		DefaultMemoCache target = this.fixture.cache("target", null, true, List.of(), MapBackend::new);
		StringWriter out = new StringWriter();
		this.lines.exportTo(this.persistent, EntryFilter.ALL, out);
		this.lines.importFrom(target, new StringReader(out.toString()));
		assertThat(JsonLinesEntries.stored(target, "k1").orElseThrow().output())
			.isEqualTo(new EncodedValue(EncodedValue.JAVA, bytes));
	}

	@Test
	void timesAndInputsAreKept() {
		CacheEntry entry = new CacheEntry("k2", "f", Map.of("n", 7, "tags", List.of("a")), "out", null, false,
				Map.of("purpose", "answer"), this.fixture.clock.instant(),
				this.fixture.clock.instant().plusSeconds(60));
		CacheEntry back = this.lines.fromJson(this.lines.toJson(entry));
		assertThat(back).isEqualTo(entry);
	}

	@Test
	void exportHonoursTheFilter() {
		this.persistent.put("ask", Map.of("prompt", "a"), "x");
		this.persistent.put("other", Map.of("prompt", "a"), "y");
		StringWriter out = new StringWriter();
		assertThat(this.lines.exportTo(this.persistent, EntryFilter.byFunc("other"), out)).isEqualTo(1);
		assertThat(out.toString()).contains("\"func\":\"other\"").doesNotContain("\"func\":\"ask\"");
	}

	@Test
	void malformedLineIsRejectedNamingItsNumber() {
		String input = "{\"key\":\"k\",\"func\":\"f\",\"createdAt\":\"2026-01-01T00:00:00Z\"}\n{\"func\":\"f\"}\n";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.lines.importFrom(this.memory, new StringReader(input)))
			.withMessageContaining("Line 2")
			.withMessageContaining("'key' is missing");
		assertThat(this.memory.size()).isEqualTo(1);
	}

	@Test
	void entryFindsOnlyTheExactKey() {
		this.persistent.put(CacheEntry.of("abc", "f", Map.of(), "one", Map.of(), this.fixture.clock.instant(), null));
		this.persistent.put(CacheEntry.of("abcd", "f", Map.of(), "two", Map.of(), this.fixture.clock.instant(), null));
		assertThat(this.persistent.entry("abc")).map(CacheEntry::output).contains("one");
		assertThat(this.persistent.entry("ab")).isEmpty();
		assertThat(this.persistent.entry("abc").orElseThrow().createdAt()).isEqualTo(this.fixture.clock.instant());
	}

	record Answer(String text, int score) {
	}

}
