package dev.memoize.backend.disk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import dev.memoize.CacheEntry;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;

/**
 * Entries for the disk backend's tests, as the engine hands them over: values encoded.
 */
final class DiskEntries {

	static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

	private DiskEntries() {
	}

	static CacheEntry entry(String key, String text) {
		return CacheEntry.of(key, "f", Map.of("arg", key), json(text), Map.of(), CREATED, null);
	}

	static EncodedValue json(String text) {
		return new EncodedValue(EncodedValue.JSON, ("\"" + text + "\"").getBytes(StandardCharsets.UTF_8));
	}

	static MemoKey key(String key) {
		return new MemoKey(key, "f", Map.of());
	}

}
