package dev.memoize.backend;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.memoize.codec.EncodedValue;

/**
 * The fields binary entry layouts are made of, written big-endian: length-prefixed bytes
 * (an {@code int} length, then the bytes), UTF-8 text as such bytes, and instants as an
 * epoch second ({@code long}) and a nanosecond ({@code int}). Shared by the backends that
 * store a whole entry as one binary value.
 */
public final class BinaryFields {

	private BinaryFields() {
	}

	/**
	 * The UTF-8 bytes of a text.
	 * @param text the text
	 * @return its bytes
	 */
	public static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * How many bytes a length-prefixed field takes.
	 * @param bytes the field's bytes
	 * @return its size with the prefix
	 */
	public static int sized(byte[] bytes) {
		return 4 + bytes.length;
	}

	/**
	 * Writes a length-prefixed field.
	 * @param buffer the buffer
	 * @param bytes the field's bytes
	 */
	public static void putBytes(ByteBuffer buffer, byte[] bytes) {
		buffer.putInt(bytes.length);
		buffer.put(bytes);
	}

	/**
	 * Writes an instant in 12 bytes.
	 * @param buffer the buffer
	 * @param instant the instant
	 */
	public static void putInstant(ByteBuffer buffer, Instant instant) {
		buffer.putLong(instant.getEpochSecond());
		buffer.putInt(instant.getNano());
	}

	/**
	 * Reads a length-prefixed field.
	 * @param buffer the buffer
	 * @return the field's bytes
	 * @throws IllegalArgumentException if the length is negative or longer than what is
	 * left
	 * @throws java.nio.BufferUnderflowException if the length prefix is cut off
	 */
	public static byte[] bytes(ByteBuffer buffer) {
		int length = buffer.getInt();
		if (length < 0 || length > buffer.remaining()) {
			throw new IllegalArgumentException(
					"length " + length + " exceeds the " + buffer.remaining() + " bytes left");
		}
		byte[] bytes = new byte[length];
		buffer.get(bytes);
		return bytes;
	}

	/**
	 * Reads a length-prefixed UTF-8 text.
	 * @param buffer the buffer
	 * @return the text
	 */
	public static String text(ByteBuffer buffer) {
		return new String(bytes(buffer), StandardCharsets.UTF_8);
	}

	/**
	 * Reads an instant written by {@link #putInstant}.
	 * @param buffer the buffer
	 * @return the instant
	 * @throws java.time.DateTimeException if the fields are out of range
	 */
	public static Instant instant(ByteBuffer buffer) {
		long seconds = buffer.getLong();
		return Instant.ofEpochSecond(seconds, buffer.getInt());
	}

	/**
	 * Checks that a value is in its stored form.
	 * @param value the value, possibly {@code null}
	 * @param name what the value is, for the message
	 * @param backend the backend's name, for the message
	 * @return the value
	 * @throws IllegalArgumentException if the value is a live object
	 */
	public static EncodedValue encoded(Object value, String name, String backend) {
		if (value == null || value instanceof EncodedValue) {
			return (EncodedValue) value;
		}
		throw new IllegalArgumentException("The " + backend + " backend stores encoded values only, but the " + name
				+ " is a " + value.getClass().getName() + " and must be an EncodedValue");
	}

}
