package dev.memoize.backend.file;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.memoize.CacheEntry;
import dev.memoize.codec.EncodedValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an entry into the pretty-printed JSON document of its file and back.
 *
 * <p>
 * A document has the members {@code key}, {@code func}, {@code inputs}, {@code output},
 * {@code expected}, {@code annotated}, {@code metadata}, {@code createdAt} and
 * {@code expiresAt} (ISO-8601 instants; {@code null} for never). A value ({@code output}
 * or {@code expected}) is {@code null} when there is none; otherwise a sibling member
 * {@code outputFormat} or {@code expectedFormat} names its {@link EncodedValue#format()}.
 * A JSON value is embedded as JSON when its bytes are exactly what this class writes back
 * from the embedded tree (compact UTF-8 JSON as Jackson writes it); any other value (Java
 * serialization, empty or invalid JSON, JSON in another layout) is embedded as a Base64
 * string, flagged by {@code outputEncoding: "base64"}. So every value reads back byte for
 * byte, and the values a person reads are plain JSON.
 *
 * <p>
 * For people editing files: a value whose format member is missing is JSON, so setting
 * {@code "expected": ...} and {@code "annotated": true} is enough to make an entry serve
 * a golden answer. Immutable and thread-safe.
 */
final class EntryDocuments {

	private static final String JSON = EncodedValue.JSON;

	private static final String BASE64 = "base64";

	/**
	 * Reads and writes values; its nesting limit is Jackson's default, one less than the
	 * documents', so any value it accepts fits in a document.
	 */
	private final JsonMapper values = mapper(StreamReadConstraints.DEFAULT_MAX_DEPTH).build();

	private final JsonMapper documents = mapper(StreamReadConstraints.DEFAULT_MAX_DEPTH + 1)
		.defaultPrettyPrinter(prettyPrinter())
		.build();

	private final ObjectWriter prettyWriter = this.documents.writerWithDefaultPrettyPrinter();

	private static JsonMapper.Builder mapper(int maxDepth) {
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(maxDepth)
				.maxStringLength(Integer.MAX_VALUE)
				.build())
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(maxDepth).build())
			.build();
		return JsonMapper.builder(factory);
	}

	private static DefaultPrettyPrinter prettyPrinter() {
		Separators separators = Separators.createDefaultInstance()
			.withObjectNameValueSpacing(Separators.Spacing.AFTER)
			.withObjectEmptySeparator("")
			.withArrayEmptySeparator("");
		DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
		DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
		printer.indentObjectsWith(indenter);
		printer.indentArraysWith(indenter);
		return printer;
	}

	/**
	 * Writes the document of an entry.
	 * @param entry the entry, whose values are {@link EncodedValue}s or {@code null}
	 * @return the UTF-8 bytes of the file, ending with a line break
	 * @throws IllegalArgumentException if a value is neither
	 * @throws JacksonException if the inputs or metadata cannot be written as JSON
	 */
	byte[] write(CacheEntry entry) {
		ObjectNode document = this.documents.createObjectNode();
		document.put("key", entry.key());
		document.put("func", entry.func());
		document.set("inputs", this.documents.valueToTree(entry.inputs()));
		putValue(document, "output", entry.output());
		putValue(document, "expected", entry.expected());
		document.put("annotated", entry.annotated());
		document.set("metadata", this.documents.valueToTree(entry.metadata()));
		document.put("createdAt", entry.createdAt().toString());
		document.put("expiresAt", (entry.expiresAt() != null) ? entry.expiresAt().toString() : null);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		this.prettyWriter.writeValue(bytes, document);
		bytes.write('\n');
		return bytes.toByteArray();
	}

	private void putValue(ObjectNode document, String name, Object value) {
		if (value == null) {
			document.putNull(name);
			return;
		}
		if (!(value instanceof EncodedValue encoded)) {
			throw new IllegalArgumentException(
					"A file cache stores encoded values only, but " + name + " is a " + value.getClass().getName());
		}
		JsonNode tree = JSON.equals(encoded.format()) ? embeddable(encoded.bytes()) : null;
		if (tree != null) {
			document.set(name, tree);
			document.put(name + "Format", JSON);
		}
		else {
			document.put(name, Base64.getEncoder().encodeToString(encoded.bytes()));
			document.put(name + "Format", encoded.format());
			document.put(name + "Encoding", BASE64);
		}
	}

	/**
	 * The tree of JSON bytes, if writing the tree back gives exactly these bytes.
	 */
	private JsonNode embeddable(byte[] bytes) {
		try {
			JsonNode tree = this.values.readTree(bytes);
			boolean exact = tree != null && !tree.isMissingNode()
					&& Arrays.equals(this.values.writeValueAsBytes(tree), bytes);
			return exact ? tree : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Reads the entry of a document.
	 * @param bytes the file's bytes
	 * @return the entry, with {@link EncodedValue}s as values
	 * @throws UnreadableEntryException if the bytes are not such a document
	 */
	CacheEntry read(byte[] bytes) throws UnreadableEntryException {
		JsonNode document;
		try {
			document = this.documents.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new UnreadableEntryException("not JSON: " + ex.getOriginalMessage(), ex);
		}
		if (document == null || !document.isObject()) {
			throw new UnreadableEntryException("not a JSON object");
		}
		try {
			return new CacheEntry(requiredString(document, "key"), requiredString(document, "func"),
					inputs(document.get("inputs")), value(document, "output"), value(document, "expected"),
					annotated(document.get("annotated")), metadata(document.get("metadata")),
					instant(document, "createdAt", true), instant(document, "expiresAt", false));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new UnreadableEntryException(ex.getMessage(), ex);
		}
	}

	private static String requiredString(JsonNode document, String name) throws UnreadableEntryException {
		JsonNode node = document.get(name);
		if (node == null || !node.isString()) {
			throw new UnreadableEntryException("'" + name + "' is not a string");
		}
		return node.stringValue();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> inputs(JsonNode node) throws UnreadableEntryException {
		if (node == null || node.isNull()) {
			return Map.of();
		}
		if (!node.isObject()) {
			throw new UnreadableEntryException("'inputs' is not an object");
		}
		return this.documents.treeToValue(node, LinkedHashMap.class);
	}

	private Object value(JsonNode document, String name) throws UnreadableEntryException {
		JsonNode node = document.get(name);
		JsonNode formatNode = document.get(name + "Format");
		JsonNode encodingNode = document.get(name + "Encoding");
		boolean formatGiven = formatNode != null && !formatNode.isNull();
		if (!formatGiven && (node == null || node.isNull())) {
			return null;
		}
		String format = JSON;
		if (formatGiven) {
			if (!formatNode.isString()) {
				throw new UnreadableEntryException("'" + name + "Format' is not a string");
			}
			format = formatNode.stringValue();
		}
		if (encodingNode != null && !encodingNode.isNull()) {
			if (!encodingNode.isString() || !BASE64.equals(encodingNode.stringValue())) {
				throw new UnreadableEntryException("'" + name + "Encoding' is not \"" + BASE64 + "\"");
			}
			if (node == null || !node.isString()) {
				throw new UnreadableEntryException("'" + name + "' is not a Base64 string");
			}
			return new EncodedValue(format, Base64.getDecoder().decode(node.stringValue()));
		}
		if (!JSON.equals(format)) {
			throw new UnreadableEntryException("'" + name + "' of format '" + format + "' is not Base64");
		}
		if (node == null) {
			throw new UnreadableEntryException("'" + name + "' is missing");
		}
		return new EncodedValue(JSON, this.values.writeValueAsBytes(node));
	}

	private static boolean annotated(JsonNode node) throws UnreadableEntryException {
		if (node == null || node.isNull()) {
			return false;
		}
		if (!node.isBoolean()) {
			throw new UnreadableEntryException("'annotated' is not true or false");
		}
		return node.booleanValue();
	}

	private static Map<String, String> metadata(JsonNode node) throws UnreadableEntryException {
		Map<String, String> metadata = new LinkedHashMap<>();
		if (node == null || node.isNull()) {
			return metadata;
		}
		if (!node.isObject()) {
			throw new UnreadableEntryException("'metadata' is not an object");
		}
		for (Map.Entry<String, JsonNode> pair : node.properties()) {
			if (!pair.getValue().isValueNode() || pair.getValue().isNull()) {
				throw new UnreadableEntryException("metadata '" + pair.getKey() + "' is not a string");
			}
			metadata.put(pair.getKey(), pair.getValue().asString());
		}
		return metadata;
	}

	private static Instant instant(JsonNode document, String name, boolean required) throws UnreadableEntryException {
		JsonNode node = document.get(name);
		if (node == null || node.isNull()) {
			if (required) {
				throw new UnreadableEntryException("'" + name + "' is missing");
			}
			return null;
		}
		if (!node.isString()) {
			throw new UnreadableEntryException("'" + name + "' is not an ISO-8601 instant");
		}
		try {
			return Instant.parse(node.stringValue());
		}
		catch (DateTimeParseException ex) {
			throw new UnreadableEntryException("'" + name + "' is not an ISO-8601 instant: " + node.stringValue(), ex);
		}
	}

}
