package dev.memoize.codec;

import java.lang.reflect.Type;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores values as UTF-8 JSON written by Jackson 3 and reads them back into the declared
 * generic type. Polymorphic type information in the stored data is never consulted unless
 * the application's own mapper enables it for its own types. Thread-safe.
 */
public class JsonValueCodec implements ValueCodec {

	private final JsonMapper mapper;

	/**
	 * Creates a codec.
	 * @param mapper the mapper to read and write with
	 */
	public JsonValueCodec(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
	}

	@Override
	public EncodedValue encode(Object value) {
		try {
			return new EncodedValue(EncodedValue.JSON, this.mapper.writeValueAsBytes(value));
		}
		catch (JacksonException ex) {
			throw new CodecException(
					"Cannot write " + value.getClass().getName() + " as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public Object decode(EncodedValue value, Type type) {
		if (!EncodedValue.JSON.equals(value.format())) {
			throw new CodecException("Cannot read a value stored as '" + value.format() + "' as JSON", null);
		}
		try {
			return this.mapper.readValue(value.bytes(), javaType(type));
		}
		catch (JacksonException ex) {
			throw new CodecException(
					"Cannot read stored JSON as " + type.getTypeName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public Object convert(Object value, Type type) {
		try {
			return this.mapper.convertValue(value, javaType(type));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new CodecException("Cannot convert " + value.getClass().getName() + " to " + type.getTypeName(), ex);
		}
	}

	private JavaType javaType(Type type) {
		return this.mapper.getTypeFactory().constructType(type);
	}

}
