package dev.memoize.backend.file;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.memoize.CacheEntry;
import dev.memoize.codec.EncodedValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the JSON document of an entry file.
 */
class EntryDocumentsTest {

	private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00.123456789Z");

	private final EntryDocuments documents = new EntryDocuments();

	static Stream<String> jsonValues() {
		return Stream.of("\"text\"", "null", "true", "0", "-12", "12345678901234567890", "1.5", "0.1", "1.0E-5", "-0.0",
				"[]", "{}", "[1,[2,[3]],{\"a\":null}]", "{\"b\":1,\"a\":2}",
				"\"naïve café 日本語 \uD83D\uDE80 \\u0000\\u0007 \\\"quoted\\\" \\\\ back\"", "\"line\\nbreak\\ttab\"");
	}

	@ParameterizedTest
	@MethodSource("jsonValues")
	void compactJsonValuesAreEmbeddedAsJsonAndReadBackByteForByte(String json) throws Exception {
		EncodedValue value = json(json);
		String document = text(entry(value, null, false));
		assertThat(document).contains("\"outputFormat\": \"json\"").doesNotContain("outputEncoding");
		assertThat(roundTrip(entry(value, null, false)).output()).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "{\"a\": 1}", "[1, 2]", "1e10", "1.50", "{\"a\":1", "not json", "\"a\" \"b\"",
			"{\"a\":1,\"a\":2}", "\"\\u00e9\"" })
	void otherJsonBytesAreEmbeddedAsBase64AndReadBackByteForByte(String bytes) throws Exception {
		EncodedValue value = json(bytes);
		assertThat(text(entry(value, null, false))).contains("\"outputEncoding\": \"base64\"");
		assertThat(roundTrip(entry(value, null, false)).output()).isEqualTo(value);
	}

	@Test
	void invalidUtf8IsReadBackByteForByte() throws Exception {
		EncodedValue value = new EncodedValue(EncodedValue.JSON, new byte[] { '"', (byte) 0xC3, '"' });
		assertThat(roundTrip(entry(value, null, false)).output()).isEqualTo(value);
	}

	@Test
	void javaValuesAreEmbeddedAsBase64WithTheirFormat() throws Exception {
		EncodedValue value = new EncodedValue(EncodedValue.JAVA, new byte[] { (byte) 0xAC, (byte) 0xED, 0, 5 });
		String document = text(entry(null, value, true));
		assertThat(document).contains("\"expected\": \"rO0ABQ==\"")
			.contains("\"expectedFormat\": \"java\"")
			.contains("\"expectedEncoding\": \"base64\"");
		assertThat(roundTrip(entry(null, value, true)).expected()).isEqualTo(value);
	}

	@Test
	void valuesOfAnyOtherFormatKeepTheirFormat() throws Exception {
		EncodedValue value = new EncodedValue("msgpack", new byte[] { 1, 2, 3 });
		assertThat(roundTrip(entry(value, null, false)).output()).isEqualTo(value);
	}

	@Test
	void noValueIsToldFromJsonNull() throws Exception {
		CacheEntry entry = entry(null, json("null"), true);
		CacheEntry read = roundTrip(entry);
		assertThat(read.output()).isNull();
		assertThat(read.expected()).isEqualTo(json("null"));
	}

	@Test
	void everyComponentIsReadBack() throws Exception {
		Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put("prompt", "hello");
		inputs.put("n", 3);
		inputs.put("big", 12345678901L);
		inputs.put("ratio", 0.5);
		inputs.put("flags", List.of(true, false));
		inputs.put("nested", Map.of("a", List.of()));
		inputs.put("none", null);
		CacheEntry entry = new CacheEntry("k1", "svc#ask(String)", inputs, json("\"out\""), json("\"gold\""), true,
				Map.of("team", "search"), CREATED, CREATED.plusMillis(1));
		CacheEntry read = roundTrip(entry);
		assertThat(read).isEqualTo(entry);
		assertThat(read.inputs()).containsExactlyEntriesOf(inputs);
	}

	@Test
	void documentIsPrettyPrintedAndEndsWithLineBreak() {
		String document = text(entry(json("{\"text\":\"a\",\"score\":1}"), null, false));
		assertThat(document).isEqualTo("""
				{
				  "key": "k1",
				  "func": "f",
				  "inputs": {
				    "arg": "v"
				  },
				  "output": {
				    "text": "a",
				    "score": 1
				  },
				  "outputFormat": "json",
				  "expected": null,
				  "annotated": false,
				  "metadata": {},
				  "createdAt": "2025-01-01T00:00:00.123456789Z",
				  "expiresAt": null
				}
				""");
	}

	@Test
	void valueWithoutFormatIsJson() throws Exception {
		String document = """
				{
				  "key": "k1", "func": "f", "createdAt": "2025-01-01T00:00:00Z",
				  "output": {"text": "a",  "score": 1},
				  "expected": [ "golden" ],
				  "annotated": true
				}
				""";
		CacheEntry read = this.documents.read(document.getBytes(StandardCharsets.UTF_8));
		assertThat(read.output()).isEqualTo(json("{\"text\":\"a\",\"score\":1}"));
		assertThat(read.expected()).isEqualTo(json("[\"golden\"]"));
		assertThat(read.inputs()).isEmpty();
		assertThat(read.metadata()).isEmpty();
		assertThat(read.expiresAt()).isNull();
	}

	@Test
	void metadataNumbersAndBooleansReadAsText() throws Exception {
		String document = """
				{"key": "k1", "func": "f", "createdAt": "2025-01-01T00:00:00Z", "metadata": {"n": 1, "ok": true}}
				""";
		assertThat(this.documents.read(document.getBytes(StandardCharsets.UTF_8)).metadata())
			.containsExactly(Map.entry("n", "1"), Map.entry("ok", "true"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "{\"key\": \"k1\", \"func\": \"f\", \"createdAt\": \"2025-01-01T00:00:0",
			"[1, 2]", "{\"func\": \"f\", \"createdAt\": \"2025-01-01T00:00:00Z\"}",
			"{\"key\": 1, \"func\": \"f\", \"createdAt\": \"2025-01-01T00:00:00Z\"}",
			"{\"key\": \"k1\", \"func\": \"f\"}", "{\"key\": \"k1\", \"func\": \"f\", \"createdAt\": \"yesterday\"}",
			"{\"key\": \"k1\", \"func\": \"f\", \"createdAt\": \"2025-01-01T00:00:00Z\", \"annotated\": \"yes\"}",
			"{\"key\": \"k1\", \"func\": \"f\", \"createdAt\": \"2025-01-01T00:00:00Z\", \"inputs\": []}",
			"{\"key\": \"k1\", \"func\": \"f\", \"createdAt\": \"2025-01-01T00:00:00Z\", \"metadata\": {\"a\": {}}}",
			"{\"key\": \"k1\", \"func\": \"f\", \"createdAt\": \"2025-01-01T00:00:00Z\", \"output\": \"%%\", \"outputEncoding\": \"base64\"}",
			"{\"key\": \"k1\", \"func\": \"f\", \"createdAt\": \"2025-01-01T00:00:00Z\", \"output\": 1, \"outputEncoding\": \"base64\"}",
			"{\"key\": \"k1\", \"func\": \"f\", \"createdAt\": \"2025-01-01T00:00:00Z\", \"output\": \"AA==\", \"outputEncoding\": \"hex\"}",
			"{\"key\": \"k1\", \"func\": \"f\", \"createdAt\": \"2025-01-01T00:00:00Z\", \"output\": \"AA==\", \"outputFormat\": \"java\"}" })
	void documentsThatAreNotEntriesAreUnreadable(String document) {
		assertThatExceptionOfType(UnreadableEntryException.class)
			.isThrownBy(() -> this.documents.read(document.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void liveObjectsAreRefused() {
		CacheEntry entry = CacheEntry.of("k1", "f", Map.of(), "live", Map.of(), CREATED, null);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.documents.write(entry))
			.withMessageContaining("encoded values only");
	}

	private CacheEntry roundTrip(CacheEntry entry) throws UnreadableEntryException {
		return this.documents.read(this.documents.write(entry));
	}

	private String text(CacheEntry entry) {
		return new String(this.documents.write(entry), StandardCharsets.UTF_8);
	}

	private static CacheEntry entry(EncodedValue output, EncodedValue expected, boolean annotated) {
		return new CacheEntry("k1", "f", Map.of("arg", "v"), output, expected, annotated, Map.of(), CREATED, null);
	}

	private static EncodedValue json(String text) {
		return new EncodedValue(EncodedValue.JSON, text.getBytes(StandardCharsets.UTF_8));
	}

}
