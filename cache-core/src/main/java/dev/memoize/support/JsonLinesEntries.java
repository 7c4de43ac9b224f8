package dev.memoize.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.codec.EncodedValue;

/**
 * Entries as JSON documents, and caches exported to and imported from JSON Lines: one
 * entry per line, so an export can be kept in version control (a file of golden answers),
 * diffed, and imported into a cache of any type.
 *
 * <p>
 * One entry is an object with {@code key}, {@code func}, {@code inputs}, {@code output},
 * {@code annotated}, {@code expected} (only when annotated), {@code metadata},
 * {@code createdAt} and {@code expiresAt} (ISO-8601 instants; {@code null} for never).
 * Values stored as JSON appear as JSON; a value stored with Java serialization appears as
 * its bytes in base64 with {@code "outputFormat": "java"} (or {@code expectedFormat}) and
 * is imported back byte for byte. Entries are read as the backend stores them, so nothing
 * is decoded against a class name found in the data.
 *
 * <p>
 * An import writes every entry as given: the key is kept (not recomputed), the expected
 * value of an annotated entry is kept and served, and an entry whose {@code expiresAt}
 * has passed is written but never served.
 *
 * <p>
 * Thread-safe; the writers and readers given are used by one call at a time.
 */
public final class JsonLinesEntries {

	private static final String JAVA_FORMAT = EncodedValue.JAVA;

	private final JsonMapper mapper;

	/**
	 * Creates the converter over a default Jackson mapper.
	 */
	public JsonLinesEntries() {
		this(JsonMapper.builder().build());
	}

	/**
	 * Creates the converter.
	 * @param mapper the Jackson mapper that writes and reads values
	 */
	public JsonLinesEntries(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
	}

	/**
	 * The entries a filter selects, as the cache's backend stores them: values still
	 * encoded for persistent backends, live for in-heap ones. Close the stream to release
	 * the backend.
	 * @param cache the cache
	 * @param filter which entries
	 * @return the stored entries
	 */
	public static Stream<CacheEntry> stored(MemoCache cache, EntryFilter filter) {
		if (cache instanceof DefaultMemoCache engine) {
			return EntryPages.stream(engine.backend(), filter);
		}
		return cache.entries(filter);
	}

	/**
	 * The entry with a key, as the cache's backend stores it.
	 * @param cache the cache
	 * @param key the full key
	 * @return the entry, or empty when no live entry has that key
	 */
	public static Optional<CacheEntry> stored(MemoCache cache, String key) {
		try (Stream<CacheEntry> selected = stored(cache, EntryFilter.byKeyPrefix(key))) {
			return selected.filter((entry) -> entry.key().equals(key)).findFirst();
		}
	}

	/**
	 * Writes the entries a filter selects, one JSON document per line.
	 * @param cache the cache to read
	 * @param filter which entries
	 * @param out where the lines go; flushed, not closed
	 * @return how many entries were written
	 * @throws UncheckedIOException if writing fails
	 */
	public long exportTo(MemoCache cache, EntryFilter filter, Writer out) {
		long count = 0;
		try (Stream<CacheEntry> entries = stored(cache, filter)) {
			for (CacheEntry entry : (Iterable<CacheEntry>) entries::iterator) {
				out.write(this.mapper.writeValueAsString(toJson(entry)));
				out.write('\n');
				count++;
			}
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot export cache '" + cache.name() + "'", ex);
		}
		return count;
	}

	/**
	 * Reads JSON Lines and stores every entry in a cache, replacing entries with the same
	 * keys. Blank lines are skipped. Lines before a malformed one are already stored.
	 * @param cache the cache to write
	 * @param in the lines; not closed
	 * @return how many entries were stored
	 * @throws IllegalArgumentException naming the line number if a line is not an entry
	 * @throws UncheckedIOException if reading fails
	 */
	public long importFrom(MemoCache cache, Reader in) {
		BufferedReader lines = (in instanceof BufferedReader buffered) ? buffered : new BufferedReader(in);
		long count = 0;
		int number = 0;
		try {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				cache.put(fromJson(line, number));
				count++;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot import into cache '" + cache.name() + "'", ex);
		}
		return count;
	}

	/**
	 * An entry as a JSON document.
	 * @param entry the entry, with encoded or live values
	 * @return the document
	 */
	public ObjectNode toJson(CacheEntry entry) {
		ObjectNode node = this.mapper.createObjectNode();
		node.put("key", entry.key());
		node.put("func", entry.func());
		node.set("inputs", this.mapper.valueToTree(entry.inputs()));
		putValue(node, "output", entry.output());
		node.put("annotated", entry.annotated());
		if (entry.annotated()) {
			putValue(node, "expected", entry.expected());
		}
		node.set("metadata", this.mapper.valueToTree(entry.metadata()));
		node.put("createdAt", entry.createdAt().toString());
		node.put("expiresAt", (entry.expiresAt() != null) ? entry.expiresAt().toString() : null);
		return node;
	}

	/**
	 * An entry from a JSON document written by {@link #toJson(CacheEntry)}. JSON values
	 * become plain maps, lists, strings, numbers and booleans; Java-serialized values
	 * become {@link EncodedValue}s.
	 * @param node the document
	 * @return the entry
	 * @throws IllegalArgumentException if the document is not an entry
	 */
	public CacheEntry fromJson(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("an entry must be a JSON object");
		}
		String key = requiredText(node, "key");
		String func = requiredText(node, "func");
		boolean annotated = node.path("annotated").asBoolean(false);
		Map<String, Object> inputs = plainMap(node.get("inputs"));
		Map<String, String> metadata = new LinkedHashMap<>();
		plainMap(node.get("metadata")).forEach((name, value) -> metadata.put(name, String.valueOf(value)));
		return new CacheEntry(key, func, inputs, value(node, "output"), annotated ? value(node, "expected") : null,
				annotated, metadata, instant(node, "createdAt", true), instant(node, "expiresAt", false));
	}

	private CacheEntry fromJson(String line, int number) {
		try {
			return fromJson(this.mapper.readTree(line));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("Line " + number + " is not a cache entry: " + ex.getMessage(), ex);
		}
	}

	private void putValue(ObjectNode node, String field, Object value) {
		if (value instanceof EncodedValue encoded) {
			if (JAVA_FORMAT.equals(encoded.format())) {
				node.put(field, Base64.getEncoder().encodeToString(encoded.bytes()));
				node.put(field + "Format", JAVA_FORMAT);
			}
			else {
				node.set(field, this.mapper.readTree(encoded.bytes()));
			}
		}
		else {
			node.set(field, this.mapper.valueToTree(value));
		}
	}

	private Object value(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (JAVA_FORMAT.equals(node.path(field + "Format").asString(null))) {
			if (value == null || !value.isString()) {
				throw new IllegalArgumentException("'" + field + "' in format java must be base64 text");
			}
			return new EncodedValue(JAVA_FORMAT, Base64.getDecoder().decode(value.asString()));
		}
		return (value != null) ? this.mapper.treeToValue(value, Object.class) : null;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> plainMap(JsonNode node) {
		if (node == null || node.isNull()) {
			return Map.of();
		}
		if (!node.isObject()) {
			throw new IllegalArgumentException("'inputs' and 'metadata' must be JSON objects");
		}
		return this.mapper.treeToValue(node, LinkedHashMap.class);
	}

	private static String requiredText(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString() || value.asString().isEmpty()) {
			throw new IllegalArgumentException("'" + field + "' is missing");
		}
		return value.asString();
	}

	private static Instant instant(JsonNode node, String field, boolean required) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new IllegalArgumentException("'" + field + "' is missing");
			}
			return null;
		}
		try {
			return Instant.parse(value.asString());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 instant: " + value.asString(), ex);
		}
	}

}
