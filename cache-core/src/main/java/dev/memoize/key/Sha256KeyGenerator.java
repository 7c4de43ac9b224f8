package dev.memoize.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
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

	private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

	private static final MessageDigest SHA_256 = newDigest();

	/**
	 * One digest per thread, reused: a digest resets itself after each
	 * {@link MessageDigest#digest(byte[])}, and a fresh one per call would allocate its
	 * state and buffers (about 450 bytes) on every key.
	 */
	private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(Sha256KeyGenerator::digest);

	/**
	 * Turns inputs into trees, failing on a type with no properties: Jackson 3 writes
	 * such a value as {@code {}} by default, which would give unrelated objects one key.
	 */
	private final ObjectWriter inputWriter;

	private final String version;

	private final Map<String, String> properties;

	private final String suffix;

	/**
	 * Creates a generator.
	 * @param mapper the mapper that turns inputs into JSON
	 * @param version the key version
	 * @param properties configuration values that take part in every key; a value may be
	 * {@code null}
	 */
	public Sha256KeyGenerator(JsonMapper mapper, String version, Map<String, String> properties) {
		this.inputWriter = Objects.requireNonNull(mapper, "mapper")
			.rebuild()
			.addModule(GeneratedClasses.refused())
			.build()
			.writer()
			.with(SerializationFeature.FAIL_ON_EMPTY_BEANS);
		this.version = Objects.requireNonNull(version, "version");
		this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
		this.suffix = suffix(this.properties, this.version);
	}

	/**
	 * The part of every canonical call after its inputs, the same for every call:
	 * {@code ,"properties":{...},"version":"..."}}.
	 */
	private static String suffix(Map<String, String> properties, String version) {
		StringBuilder json = new StringBuilder(",\"properties\":{");
		boolean first = true;
		for (Map.Entry<String, String> property : properties.entrySet()) {
			if (!first) {
				json.append(',');
			}
			first = false;
			CanonicalJson.writeString(property.getKey(), json);
			json.append(':');
			if (property.getValue() != null) {
				CanonicalJson.writeString(property.getValue(), json);
			}
			else {
				json.append("null");
			}
		}
		json.append("},\"version\":");
		CanonicalJson.writeString(version, json);
		return json.append('}').toString();
	}

	@Override
	public MemoKey generate(String func, Map<String, ?> inputs) {
		StringBuilder json = new StringBuilder(64 + func.length() + this.suffix.length() + 32 * inputs.size());
		json.append("{\"func\":");
		CanonicalJson.writeString(func, json);
		json.append(",\"inputs\":{");
		if (isSorted(inputs)) {
			boolean first = true;
			for (Map.Entry<String, ?> input : inputs.entrySet()) {
				if (!first) {
					json.append(',');
				}
				first = false;
				writeMember(func, input.getKey(), input.getValue(), json);
			}
		}
		else {
			String[] names = inputs.keySet().toArray(String[]::new);
			Arrays.sort(names);
			for (int i = 0; i < names.length; i++) {
				if (i > 0) {
					json.append(',');
				}
				writeMember(func, names[i], inputs.get(names[i]), json);
			}
		}
		json.append('}').append(this.suffix);
		return new MemoKey(sha256(json.toString()), func, inputs);
	}

	/**
	 * Whether the map iterates its names in canonical order already, as the inputs the
	 * interceptor builds do; checking is cheaper than copying and sorting the names. A
	 * map's iteration order does not change between two passes that do not modify it.
	 */
	private static boolean isSorted(Map<String, ?> inputs) {
		if (inputs.size() < 2) {
			return true;
		}
		String previous = null;
		for (String name : inputs.keySet()) {
			if (previous != null && previous.compareTo(name) >= 0) {
				return false;
			}
			previous = name;
		}
		return true;
	}

	private void writeMember(String func, String name, Object value, StringBuilder json) {
		CanonicalJson.writeString(name, json);
		json.append(':');
		writeInput(func, name, value, json);
	}

	/**
	 * Writes one input in canonical form: strings, booleans and whole numbers of the
	 * common types directly (as Jackson would write them), anything else through a
	 * Jackson tree.
	 */
	private void writeInput(String func, String name, Object value, StringBuilder json) {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof String text) {
			CanonicalJson.writeString(text, json);
		}
		else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
			json.append(value);
		}
		else {
			CanonicalJson.write(tree(func, name, value), json);
		}
	}

	private JsonNode tree(String func, String name, Object value) {
		try {
			return this.inputWriter.valueToTree(value);
		}
		catch (JacksonException ex) {
			throw new MemoizeException(
					"Cannot key a call of " + func + ": parameter '" + name + "' of type " + typeName(value)
							+ " cannot be turned into JSON (" + ex.getOriginalMessage()
							+ "). Exclude it with @Memoize(exclude = \"" + name + "\") or give its type a JSON form.",
					ex);
		}
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
		return hex(DIGESTS.get().digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Lowercase hex of bytes, written straight into a Latin-1 array: measurably cheaper
	 * per key than {@link java.util.HexFormat}, which goes through a char per digit.
	 */
	private static String hex(byte[] bytes) {
		byte[] digits = new byte[bytes.length * 2];
		for (int i = 0; i < bytes.length; i++) {
			digits[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
			digits[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
		}
		return new String(digits, StandardCharsets.ISO_8859_1);
	}

	/**
	 * A SHA-256 digest cloned from a prototype: looking the algorithm up through the
	 * security providers costs more than the hashing of a short text.
	 */
	private static MessageDigest digest() {
		try {
			return (MessageDigest) SHA_256.clone();
		}
		catch (CloneNotSupportedException ex) {
			return newDigest();
		}
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
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
