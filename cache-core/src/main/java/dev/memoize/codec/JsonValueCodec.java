package dev.memoize.codec;

import java.lang.reflect.Type;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores values as UTF-8 JSON written by Jackson 3 and reads them back into the declared
 * generic type. Polymorphic type information in the stored data is never consulted unless
 * the application's own mapper enables it for its own types: a {@code "@class"} or
 * {@code "@type"} member is read as plain data (a map key when the declared type is
 * {@code Object} or a {@code Map}) and never names a class to instantiate. Thread-safe.
 *
 * <p>
 * <strong>Values written by an older version of a class are misses.</strong> Jackson 3
 * ignores unknown properties and fills absent creator properties with {@code null} or
 * zero by default, so a stored value whose class has since lost, renamed or gained a
 * field would come back silently half-filled. Stored values are therefore read with
 * {@link DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES} and
 * {@link DeserializationFeature#FAIL_ON_MISSING_CREATOR_PROPERTIES} enabled, whatever the
 * given mapper says: a stored object with a property the declared class no longer has, or
 * without one its constructor (a record's canonical constructor, or a
 * {@code @JsonCreator}) takes, fails to decode with a {@link CodecException}, which the
 * engine counts as an error and treats as a miss, removing the entry. For the same reason
 * values are written with every property included, {@code null} ones too, unless the
 * value's class itself asks otherwise with {@code @JsonInclude}; such a class, or one
 * annotated {@code @JsonIgnoreProperties(ignoreUnknown = true)}, decides for itself.
 * Setter-based classes cannot tell an absent property from a default one: mark the
 * properties they need {@code @JsonProperty(required = true)}. {@link #convert} turns
 * live values, not stored ones, and keeps the given mapper's settings.
 */
public class JsonValueCodec implements ValueCodec {

	private final JsonMapper mapper;

	private final JsonMapper writer;

	private final JsonMapper reader;

	/**
	 * Creates a codec.
	 * @param mapper the mapper to read and write with; its settings are kept except the
	 * strict reading and full writing of stored values described above
	 */
	public JsonValueCodec(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "mapper");
		this.writer = mapper.rebuild()
			.changeDefaultPropertyInclusion(
					(inclusion) -> JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
			.build();
		this.reader = mapper.rebuild()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
					DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
			.build();
	}

	@Override
	public EncodedValue encode(Object value) {
		try {
			return new EncodedValue(EncodedValue.JSON, this.writer.writeValueAsBytes(value));
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
			return this.reader.readValue(value.bytes(), javaType(type));
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
