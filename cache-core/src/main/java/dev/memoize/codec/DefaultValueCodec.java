package dev.memoize.codec;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * The default {@link ValueCodec}: JSON for everything, except values whose class is on
 * the Java-serialization allow-list, which are written with Java serialization. Each
 * stored value records its format, so reading picks the matching codec. Thread-safe.
 */
public class DefaultValueCodec implements ValueCodec {

	private final JsonValueCodec json;

	private final JavaSerializationCodec java;

	/**
	 * Creates a codec.
	 * @param json the JSON codec
	 * @param java the Java-serialization codec and its allow-list
	 */
	public DefaultValueCodec(JsonValueCodec json, JavaSerializationCodec java) {
		this.json = Objects.requireNonNull(json, "json");
		this.java = Objects.requireNonNull(java, "java");
	}

	@Override
	public EncodedValue encode(Object value) {
		return this.java.accepts(value) ? this.java.encode(value) : this.json.encode(value);
	}

	@Override
	public Object decode(EncodedValue value, Type type) {
		return EncodedValue.JAVA.equals(value.format()) ? this.java.decode(value, type) : this.json.decode(value, type);
	}

	@Override
	public Object convert(Object value, Type type) {
		return this.json.convert(value, type);
	}

}
