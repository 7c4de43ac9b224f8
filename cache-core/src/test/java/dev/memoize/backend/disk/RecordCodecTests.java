package dev.memoize.backend.disk;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;

import dev.memoize.CacheEntry;
import dev.memoize.codec.EncodedValue;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of the stored record format: every component survives, and no damaged record is
 * decoded.
 */
class RecordCodecTests {

	private final RecordCodec codec = new RecordCodec(JsonMapper.builder().build());

	private static CacheEntry fullEntry() {
		Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put("prompt", "naïve 日本語 \uD83D\uDE80");
		inputs.put("n", 42);
		inputs.put("ratio", 0.25);
		inputs.put("flags", List.of(true, false));
		inputs.put("none", null);
		inputs.put("nested", Map.of("a", "b"));
		return new CacheEntry("k", "svc#ask(String)", inputs, new EncodedValue(EncodedValue.JSON, bytes("\"out\"")),
				new EncodedValue(EncodedValue.JAVA, new byte[] { 0, 1, 2, (byte) 255 }), true,
				Map.of("purpose", "answer"), Instant.parse("2025-01-01T00:00:00.123456789Z"),
				Instant.parse("2025-01-02T00:00:00.000000001Z"));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void decode_returnsEveryComponentOfTheEncodedEntry() throws Exception {
		CacheEntry entry = fullEntry();
		CacheEntry decoded = this.codec.decode("k", this.codec.encode(entry));
		assertThat(decoded).isEqualTo(entry);
		assertThat(decoded.inputs()).isInstanceOf(Map.class).containsKeys("prompt", "none");
		assertThat(decoded.createdAt().getNano()).isEqualTo(123456789);
	}

	@Test
	void decode_keepsAnEntryWithoutValuesOrExpiry() throws Exception {
		CacheEntry entry = CacheEntry.of("k", "f", Map.of(), null, Map.of(), Instant.EPOCH, null);
		assertThat(this.codec.decode("k", this.codec.encode(entry))).isEqualTo(entry);
	}

	@Test
	void decode_rejectsEveryTruncation() {
		byte[] record = this.codec.encode(fullEntry());
		for (int length = 0; length < record.length; length++) {
			byte[] truncated = Arrays.copyOf(record, length);
			assertThatExceptionOfType(CorruptRecordException.class).as("cut to %d bytes", length)
				.isThrownBy(() -> this.codec.decode("k", truncated));
		}
	}

	@Test
	void decode_rejectsEverySingleBitFlip() {
		byte[] record = this.codec.encode(fullEntry());
		for (int bit = 0; bit < record.length * 8; bit++) {
			byte[] damaged = record.clone();
			damaged[bit / 8] ^= (byte) (1 << (bit % 8));
			assertThatExceptionOfType(CorruptRecordException.class).as("bit %d flipped", bit)
				.isThrownBy(() -> this.codec.decode("k", damaged));
		}
	}

	@Test
	void decode_rejectsAnUnknownVersionEvenWithAValidChecksum() {
		byte[] record = withValidChecksum(this.codec.encode(fullEntry()), 0, (byte) 99);
		assertThatExceptionOfType(CorruptRecordException.class).isThrownBy(() -> this.codec.decode("k", record))
			.withMessageContaining("unknown version 99");
	}

	@Test
	void decode_rejectsALengthBeyondTheRecordEvenWithAValidChecksum() {
		byte[] record = withValidChecksum(this.codec.encode(fullEntry()), 1, (byte) 0x7f);
		assertThatExceptionOfType(CorruptRecordException.class).isThrownBy(() -> this.codec.decode("k", record));
	}

	/**
	 * Changes one byte and recomputes the checksum, as a writer with another layout would
	 * have.
	 */
	static byte[] withValidChecksum(byte[] record, int index, byte value) {
		byte[] changed = record.clone();
		changed[index] = value;
		CRC32C crc = new CRC32C();
		crc.update(changed, 0, changed.length - 4);
		ByteBuffer.wrap(changed).putInt(changed.length - 4, (int) crc.getValue());
		return changed;
	}

}
