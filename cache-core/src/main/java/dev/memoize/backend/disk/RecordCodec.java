package dev.memoize.backend.disk;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import dev.memoize.CacheEntry;
import dev.memoize.codec.EncodedValue;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static dev.memoize.backend.BinaryFields.bytes;
import static dev.memoize.backend.BinaryFields.encoded;
import static dev.memoize.backend.BinaryFields.instant;
import static dev.memoize.backend.BinaryFields.putBytes;
import static dev.memoize.backend.BinaryFields.putInstant;
import static dev.memoize.backend.BinaryFields.sized;
import static dev.memoize.backend.BinaryFields.text;
import static dev.memoize.backend.BinaryFields.utf8;

/**
 * Turns a {@link CacheEntry} into the bytes stored under its key and back. Hand-written
 * rather than left to a serialization library because the layout must stay readable
 * across versions and tell a damaged record from a good one: a version byte first, a
 * CRC32C of everything before it last, so a truncated or altered record is detected
 * instead of decoded into wrong values.
 *
 * <p>
 * Layout of version 1 (big-endian; {@code bytes} is an {@code int} length and that many
 * bytes; text is UTF-8):
 *
 * <pre>
 * byte   version (1)
 * bytes  func
 * long   createdAt seconds, int createdAt nanos
 * byte   flags: 1 expires, 2 annotated, 4 output present, 8 expected present
 * [long, int] expiresAt seconds and nanos, when flag 1
 * bytes  inputs as a JSON object
 * bytes  metadata as a JSON object of strings
 * [bytes format, bytes value] output, when flag 4
 * [bytes format, bytes value] expected, when flag 8
 * int    CRC32C of all the bytes above
 * </pre>
 *
 * Thread-safe.
 */
final class RecordCodec {

	static final byte VERSION = 1;

	private static final int EXPIRES = 1;

	private static final int ANNOTATED = 2;

	private static final int OUTPUT = 4;

	private static final int EXPECTED = 8;

	private static final TypeReference<LinkedHashMap<String, Object>> INPUTS = new TypeReference<>() {
	};

	private static final TypeReference<LinkedHashMap<String, String>> METADATA = new TypeReference<>() {
	};

	private final JsonMapper mapper;

	RecordCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Encodes an entry whose output and expected value are {@link EncodedValue}s or
	 * {@code null}.
	 * @param entry the entry
	 * @return the record
	 * @throws IllegalArgumentException if a value is not encoded
	 */
	byte[] encode(CacheEntry entry) {
		byte[] func = utf8(entry.func());
		byte[] inputs = this.mapper.writeValueAsBytes(entry.inputs());
		byte[] metadata = this.mapper.writeValueAsBytes(entry.metadata());
		EncodedValue output = encoded(entry.output(), "output", "disk");
		EncodedValue expected = entry.annotated() ? encoded(entry.expected(), "expected", "disk") : null;
		byte[] outputFormat = (output != null) ? utf8(output.format()) : null;
		byte[] expectedFormat = (expected != null) ? utf8(expected.format()) : null;
		int flags = ((entry.expiresAt() != null) ? EXPIRES : 0) | (entry.annotated() ? ANNOTATED : 0)
				| ((output != null) ? OUTPUT : 0) | ((expected != null) ? EXPECTED : 0);
		long size = 1 + sized(func) + 12 + 1 + ((entry.expiresAt() != null) ? 12 : 0) + sized(inputs) + sized(metadata)
				+ ((output != null) ? sized(outputFormat) + sized(output.bytes()) : 0)
				+ ((expected != null) ? sized(expectedFormat) + sized(expected.bytes()) : 0) + 4;
		if (size > Integer.MAX_VALUE - 16) {
			throw new IllegalArgumentException("Entry " + entry.key() + " is too large to store: " + size + " bytes");
		}
		ByteBuffer buffer = ByteBuffer.allocate((int) size);
		buffer.put(VERSION);
		putBytes(buffer, func);
		putInstant(buffer, entry.createdAt());
		buffer.put((byte) flags);
		if (entry.expiresAt() != null) {
			putInstant(buffer, entry.expiresAt());
		}
		putBytes(buffer, inputs);
		putBytes(buffer, metadata);
		if (output != null) {
			putBytes(buffer, outputFormat);
			putBytes(buffer, output.bytes());
		}
		if (expected != null) {
			putBytes(buffer, expectedFormat);
			putBytes(buffer, expected.bytes());
		}
		buffer.putInt(checksum(buffer.array(), buffer.position()));
		return buffer.array();
	}

	/**
	 * Decodes a record.
	 * @param key the key the record is stored under
	 * @param record the record
	 * @return the entry
	 * @throws CorruptRecordException if the record is damaged or of an unknown version
	 */
	CacheEntry decode(String key, byte[] record) throws CorruptRecordException {
		if (record.length < 5) {
			throw new CorruptRecordException("Record of " + key + " is truncated to " + record.length + " bytes");
		}
		int bodyLength = record.length - 4;
		ByteBuffer buffer = ByteBuffer.wrap(record);
		if (buffer.getInt(bodyLength) != checksum(record, bodyLength)) {
			throw new CorruptRecordException("Record of " + key + " fails its checksum");
		}
		if (record[0] != VERSION) {
			throw new CorruptRecordException("Record of " + key + " has unknown version " + record[0]);
		}
		buffer.position(1).limit(bodyLength);
		try {
			String func = text(buffer);
			Instant createdAt = instant(buffer);
			int flags = buffer.get();
			Instant expiresAt = ((flags & EXPIRES) != 0) ? instant(buffer) : null;
			Map<String, Object> inputs = this.mapper.readValue(bytes(buffer), INPUTS);
			Map<String, String> metadata = this.mapper.readValue(bytes(buffer), METADATA);
			EncodedValue output = ((flags & OUTPUT) != 0) ? new EncodedValue(text(buffer), bytes(buffer)) : null;
			EncodedValue expected = ((flags & EXPECTED) != 0) ? new EncodedValue(text(buffer), bytes(buffer)) : null;
			if (buffer.hasRemaining()) {
				throw new CorruptRecordException("Record of " + key + " has " + buffer.remaining() + " extra bytes");
			}
			return new CacheEntry(key, func, inputs, output, expected, (flags & ANNOTATED) != 0, metadata, createdAt,
					expiresAt);
		}
		catch (BufferUnderflowException | IllegalArgumentException | DateTimeException | JacksonException ex) {
			throw new CorruptRecordException("Record of " + key + " cannot be decoded: " + ex, ex);
		}
	}

	private static int checksum(byte[] bytes, int length) {
		CRC32C crc = new CRC32C();
		crc.update(bytes, 0, length);
		return (int) crc.getValue();
	}

}
