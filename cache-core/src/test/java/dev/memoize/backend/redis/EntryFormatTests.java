package dev.memoize.backend.redis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.memoize.CacheEntry;
import dev.memoize.codec.EncodedValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of the stored form of entries.
 */
class EntryFormatTests {

	private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00.123456789Z");

	@Test
	void readGivesBackAnEqualEntryWithEveryComponent() {
		Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put("prompt", "héllo \u0000");
		inputs.put("count", 3);
		inputs.put("big", new BigInteger("123456789012345678901234567890"));
		inputs.put("ratio", 0.25);
		inputs.put("flags", List.of(true, false));
		inputs.put("nothing", null);
		inputs.put("nested", Map.of("a", "b"));
		CacheEntry entry = new CacheEntry("k1", "svc#ask(String)", inputs, json("\"out\""),
				new EncodedValue(EncodedValue.JAVA, new byte[] { 0, -1, 7 }), true, Map.of("team", "search"), CREATED,
				CREATED.plusSeconds(60));
		CacheEntry read = EntryFormat.read(EntryFormat.write(entry));
		assertThat(read).isEqualTo(entry);
		assertThat(read.inputs()).isInstanceOf(Map.class).containsKeys("prompt", "nothing");
		assertThat(read.createdAt()).isEqualTo(CREATED);
	}

	@Test
	void readKeepsAbsentValuesAndExpiry() {
		CacheEntry entry = CacheEntry.of("k1", "f", Map.of(), null, Map.of(), CREATED, null);
		assertThat(EntryFormat.read(EntryFormat.write(entry))).isEqualTo(entry);
		CacheEntry annotatedWithNull = entry.annotate(null, Map.of());
		assertThat(EntryFormat.read(EntryFormat.write(annotatedWithNull))).isEqualTo(annotatedWithNull);
	}

	@Test
	void documentStartsWithTheFormatVersion() {
		byte[] document = EntryFormat.write(CacheEntry.of("k1", "f", Map.of(), json("1"), Map.of(), CREATED, null));
		assertThat(document[0]).isEqualTo(EntryFormat.VERSION);
	}

	@Test
	void writeRejectsValuesThatAreNotEncoded() {
		CacheEntry live = CacheEntry.of("k1", "f", Map.of(), "live", Map.of(), CREATED, null);
		assertThatIllegalArgumentException().isThrownBy(() -> EntryFormat.write(live))
			.withMessageContaining("EncodedValue");
	}

	@Test
	void readRejectsEveryTruncationOfADocument() {
		byte[] document = EntryFormat.write(new CacheEntry("k1", "f", Map.of("a", 1), json("\"out\""), json("2"), true,
				Map.of("m", "v"), CREATED, CREATED.plusSeconds(1)));
		for (int length = 0; length < document.length; length++) {
			byte[] truncated = Arrays.copyOf(document, length);
			assertThatIllegalArgumentException().as("first %d bytes", length)
				.isThrownBy(() -> EntryFormat.read(truncated));
		}
	}

	@Test
	void readRejectsTrailingBytesUnknownVersionsAndGarbage() {
		byte[] document = EntryFormat.write(CacheEntry.of("k1", "f", Map.of(), json("1"), Map.of(), CREATED, null));
		byte[] longer = Arrays.copyOf(document, document.length + 1);
		assertThatIllegalArgumentException().isThrownBy(() -> EntryFormat.read(longer)).withMessageContaining("after");
		byte[] newer = document.clone();
		newer[0] = 2;
		assertThatIllegalArgumentException().isThrownBy(() -> EntryFormat.read(newer)).withMessageContaining("version");
		byte[] garbage = "{\"key\":\"k1\"}".getBytes(StandardCharsets.UTF_8);
		assertThatIllegalArgumentException().isThrownBy(() -> EntryFormat.read(garbage));
	}

	private static EncodedValue json(String text) {
		return new EncodedValue(EncodedValue.JSON, text.getBytes(StandardCharsets.UTF_8));
	}

}
