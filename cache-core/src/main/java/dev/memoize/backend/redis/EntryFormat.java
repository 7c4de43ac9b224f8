package dev.memoize.backend.redis;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoize.CacheEntry;
import dev.memoize.codec.EncodedValue;
import tools.jackson.core.JacksonException;
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
 * Writes a whole {@link CacheEntry} as the one Redis value of its key, and reads it back.
 *
 * <p>
 * Hand-written rather than left to a serialization library because the values are
 * arbitrary bytes, often large (an embedding, a long answer): a length-prefixed binary
 * layout stores them as they are, where JSON would inflate them by a third as Base64, and
 * it needs no schema class that could change under stored data. The layout, all integers
 * big-endian, strings UTF-8, so another program can read it:
 *
 * <pre>
 * u8    version, 1
 * str   key                      (str = i32 length, then that many UTF-8 bytes)
 * str   func
 * str   inputs, a JSON object
 * i32   number of metadata pairs, then each pair as str name, str value
 * u8    flags: 1 annotated, 2 output present, 4 expected present, 8 expiresAt present
 * i64   createdAt, epoch second; i32 nanosecond of that second
 * [i64  expiresAt, epoch second; i32 nanosecond]    when flag 8
 * [str  output format; blob output bytes]          when flag 2 (blob = i32 length, bytes)
 * [str  expected format; blob expected bytes]      when flag 4
 * </pre>
 *
 * Thread-safe: it holds no state besides a thread-safe JSON mapper.
 */
final class EntryFormat {

	static final byte VERSION = 1;

	private static final int ANNOTATED = 1;

	private static final int HAS_OUTPUT = 2;

	private static final int HAS_EXPECTED = 4;

	private static final int HAS_EXPIRY = 8;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private EntryFormat() {
	}

	/**
	 * Writes an entry whose values are {@link EncodedValue}s or {@code null}.
	 * @param entry the entry
	 * @return the document
	 * @throws IllegalArgumentException if a value is not encoded or the inputs are not
	 * plain JSON values
	 */
	static byte[] write(CacheEntry entry) {
		byte[] key = utf8(entry.key());
		byte[] func = utf8(entry.func());
		byte[] inputs = inputsJson(entry.inputs());
		List<byte[]> metadata = new ArrayList<>();
		int size = 1 + sized(key) + sized(func) + sized(inputs) + 4 + 1 + 12;
		for (Map.Entry<String, String> pair : entry.metadata().entrySet()) {
			byte[] name = utf8(pair.getKey());
			byte[] value = utf8(pair.getValue());
			metadata.add(name);
			metadata.add(value);
			size += sized(name) + sized(value);
		}
		EncodedValue output = encoded(entry.output(), "output", "redis");
		EncodedValue expected = entry.annotated() ? encoded(entry.expected(), "expected", "redis") : null;
		int flags = (entry.annotated() ? ANNOTATED : 0) | ((output != null) ? HAS_OUTPUT : 0)
				| ((expected != null) ? HAS_EXPECTED : 0) | ((entry.expiresAt() != null) ? HAS_EXPIRY : 0);
		size += (entry.expiresAt() != null) ? 12 : 0;
		byte[] outputFormat = (output != null) ? utf8(output.format()) : null;
		byte[] expectedFormat = (expected != null) ? utf8(expected.format()) : null;
		size += (output != null) ? sized(outputFormat) + sized(output.bytes()) : 0;
		size += (expected != null) ? sized(expectedFormat) + sized(expected.bytes()) : 0;
		ByteBuffer buffer = ByteBuffer.allocate(size);
		buffer.put(VERSION);
		putBytes(buffer, key);
		putBytes(buffer, func);
		putBytes(buffer, inputs);
		buffer.putInt(metadata.size() / 2);
		metadata.forEach((bytes) -> putBytes(buffer, bytes));
		buffer.put((byte) flags);
		putInstant(buffer, entry.createdAt());
		if (entry.expiresAt() != null) {
			putInstant(buffer, entry.expiresAt());
		}
		if (output != null) {
			putBytes(buffer, outputFormat);
			putBytes(buffer, output.bytes());
		}
		if (expected != null) {
			putBytes(buffer, expectedFormat);
			putBytes(buffer, expected.bytes());
		}
		return buffer.array();
	}

	/**
	 * Reads a document written by {@link #write}.
	 * @param document the document
	 * @return the entry
	 * @throws IllegalArgumentException if the document is not such a document: truncated,
	 * corrupt or of an unknown version
	 */
	static CacheEntry read(byte[] document) {
		try {
			ByteBuffer buffer = ByteBuffer.wrap(document);
			byte version = buffer.get();
			if (version != VERSION) {
				throw new IllegalArgumentException("unknown entry format version " + version);
			}
			String key = text(buffer);
			String func = text(buffer);
			Map<String, Object> inputs = inputs(bytes(buffer));
			int pairs = buffer.getInt();
			if (pairs < 0 || pairs > buffer.remaining() / 8) {
				throw new IllegalArgumentException("bad metadata count " + pairs);
			}
			Map<String, String> metadata = new LinkedHashMap<>();
			for (int i = 0; i < pairs; i++) {
				metadata.put(text(buffer), text(buffer));
			}
			int flags = buffer.get();
			Instant createdAt = instant(buffer);
			Instant expiresAt = ((flags & HAS_EXPIRY) != 0) ? instant(buffer) : null;
			EncodedValue output = ((flags & HAS_OUTPUT) != 0) ? new EncodedValue(text(buffer), bytes(buffer)) : null;
			EncodedValue expected = ((flags & HAS_EXPECTED) != 0) ? new EncodedValue(text(buffer), bytes(buffer))
					: null;
			if (buffer.hasRemaining()) {
				throw new IllegalArgumentException(buffer.remaining() + " bytes after the entry");
			}
			return new CacheEntry(key, func, inputs, output, expected, (flags & ANNOTATED) != 0, metadata, createdAt,
					expiresAt);
		}
		catch (BufferUnderflowException ex) {
			throw new IllegalArgumentException("truncated entry", ex);
		}
		catch (DateTimeException | JacksonException ex) {
			throw new IllegalArgumentException("corrupt entry: " + ex.getMessage(), ex);
		}
	}

	private static byte[] inputsJson(Map<String, Object> inputs) {
		try {
			return MAPPER.writeValueAsBytes(inputs);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("inputs are not plain JSON values: " + ex.getMessage(), ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> inputs(byte[] json) {
		return MAPPER.readValue(json, LinkedHashMap.class);
	}

}
