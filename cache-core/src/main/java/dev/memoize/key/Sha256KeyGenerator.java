package dev.memoize.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.memoize.MemoizeException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The default {@link KeyGenerator}: lowercase hex SHA-256 of the canonical JSON of
 * {@code {"func":…,"inputs":{…},"properties":{…},"version":…}}.
 *
 * <p>
 * Inputs become JSON through the given Jackson mapper; the canonical form is described in
 * {@link CanonicalJson}. {@code version} and {@code properties} come from
 * {@code memoize.key.version} and {@code memoize.key.include-properties}, so changing
 * either gives every call a new key. Thread-safe.
 */
public final class Sha256KeyGenerator implements KeyGenerator {

	private static final HexFormat HEX = HexFormat.of();

	private final JsonMapper mapper;

	/**
	 * Turns inputs into trees, failing on a type with no properties: Jackson 3 writes
	 * such a value as {@code {}} by default, which would give unrelated objects one key.
	 */
	private final ObjectWriter inputWriter;

	private final String version;

	private final Map<String, String> properties;

	/**
	 * Creates a generator.
	 * @param mapper the mapper that turns inputs into JSON
	 * @param version the key version
	 * @param properties configuration values that take part in every key; a value may be
	 * {@code null}
	 */
	public Sha256KeyGenerator(JsonMapper mapper, String version, Map<String, String> properties) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
		this.inputWriter = mapper.writer().with(SerializationFeature.FAIL_ON_EMPTY_BEANS);
		this.version = Objects.requireNonNull(version, "version");
		this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
	}

	@Override
	public MemoKey generate(String func, Map<String, ?> inputs) {
		ObjectNode root = this.mapper.createObjectNode();
		root.put("func", func);
		root.set("inputs", inputsTree(func, inputs));
		root.put("version", this.version);
		ObjectNode props = root.putObject("properties");
		this.properties.forEach(props::put);
		return new MemoKey(sha256(CanonicalJson.write(root)), func, inputs);
	}

	private JsonNode inputsTree(String func, Map<String, ?> inputs) {
		ObjectNode tree = this.mapper.createObjectNode();
		for (Map.Entry<String, ?> input : inputs.entrySet()) {
			try {
				tree.set(input.getKey(), this.inputWriter.valueToTree(input.getValue()));
			}
			catch (JacksonException ex) {
				throw new MemoizeException("Cannot key a call of " + func + ": parameter '" + input.getKey()
						+ "' of type " + typeName(input.getValue()) + " cannot be turned into JSON ("
						+ ex.getOriginalMessage() + "). Exclude it with @Memoize(exclude = \"" + input.getKey()
						+ "\") or give its type a JSON form.", ex);
			}
		}
		return tree;
	}

	private static String typeName(Object value) {
		return (value != null) ? value.getClass().getName() : "null";
	}

	/**
	 * Lowercase hex SHA-256 of the UTF-8 bytes of a text.
	 * @param text the text
	 * @return 64 hex digits
	 */
	public static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HEX.formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * The configuration values that take part in every key.
	 * @return the properties, sorted by name
	 */
	public Map<String, String> properties() {
		return new LinkedHashMap<>(this.properties);
	}

}
