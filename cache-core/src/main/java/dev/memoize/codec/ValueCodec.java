package dev.memoize.codec;

import java.lang.reflect.Type;

/**
 * Turns values into their stored form and back.
 *
 * <p>
 * Decoding is always driven by the type the caller declares, never by a class name found
 * in the stored bytes. Implementations are thread-safe.
 */
public interface ValueCodec {

	/**
	 * Encodes a value.
	 * @param value the value, possibly {@code null}
	 * @return the stored form
	 * @throws CodecException if the value cannot be encoded
	 */
	EncodedValue encode(Object value);

	/**
	 * Decodes a stored value into the declared type.
	 * @param value the stored form
	 * @param type the declared type; {@code Object} gives plain JSON values (maps, lists,
	 * strings, numbers, booleans)
	 * @return the value, possibly {@code null}
	 * @throws CodecException if the bytes are corrupt, of another type, or refused
	 */
	Object decode(EncodedValue value, Type type);

	/**
	 * Converts a live value of another shape (say a map read back from JSON) into the
	 * declared type.
	 * @param value the value
	 * @param type the declared type
	 * @return the converted value
	 * @throws CodecException if it cannot be converted
	 */
	Object convert(Object value, Type type);

}
