package dev.memoize.backend;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.memoize.CacheEntry;
import dev.memoize.codec.EncodedValue;

/**
 * The child process of {@link BackendCrashContract}: writes entries to a persistent cache
 * in a loop, single puts and batches of ten, and prints each key on its own line once the
 * call that wrote it has returned. Stops by itself after {@link #MAX_ENTRIES} entries or
 * {@link #MAX_TIME}, whichever comes first, in case nobody kills it.
 */
public final class CrashWriter {

	static final int MAX_ENTRIES = 200_000;

	static final Duration MAX_TIME = Duration.ofMinutes(2);

	private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

	private CrashWriter() {
	}

	/**
	 * Writes to a cache.
	 * @param args the {@link CrashTarget} name and the location of the cache
	 * @throws Exception if the cache cannot be closed
	 */
	public static void main(String[] args) throws Exception {
		PrintStream out = System.out;
		CacheBackend backend = CrashTarget.valueOf(args[0]).open(Path.of(args[1]));
		long deadline = System.nanoTime() + MAX_TIME.toNanos();
		int index = 0;
		while (index < MAX_ENTRIES && System.nanoTime() < deadline) {
			List<CacheEntry> batch = new ArrayList<>();
			int size = (index % 50 == 0) ? 10 : 1;
			for (int i = 0; i < size; i++) {
				batch.add(entry(index++));
			}
			if (batch.size() == 1) {
				backend.put(batch.get(0));
			}
			else {
				backend.putAll(batch);
			}
			for (CacheEntry entry : batch) {
				out.println(entry.key());
			}
			out.flush();
		}
		backend.close();
	}

	/**
	 * The key written at an index.
	 * @param index the index
	 * @return the key
	 */
	public static String key(int index) {
		return String.format("crash-%08d", index);
	}

	/**
	 * The index a key was written at.
	 * @param key the key
	 * @return the index
	 */
	public static int index(String key) {
		return Integer.parseInt(key.substring("crash-".length()));
	}

	/**
	 * The entry written at an index; its value is between a few bytes and a few KiB.
	 * @param index the index
	 * @return the entry
	 */
	public static CacheEntry entry(int index) {
		String text = ("value " + index + " ").repeat(1 + (index * 37) % 300);
		byte[] json = ("\"" + text + "\"").getBytes(StandardCharsets.UTF_8);
		return CacheEntry.of(key(index), "crash#write(int)", Map.of("index", index),
				new EncodedValue(EncodedValue.JSON, json), Map.of("writer", "child"), CREATED, null);
	}

}
