package dev.memoize.benchmarks.disk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The data of the disk benchmarks: {@link #ENTRIES} 64-hex keys (SHA-256, as Memoize
 * computes them) and values of {@link #VALUE_SIZE} random, incompressible bytes.
 */
final class DiskData {

	/** How many entries a store holds. */
	static final int ENTRIES = 100_000;

	/** Size of every value. */
	static final int VALUE_SIZE = 1024;

	private static final int DISTINCT_VALUES = 4096;

	private final String[] keys = new String[ENTRIES];

	private final byte[][] values = new byte[DISTINCT_VALUES][VALUE_SIZE];

	DiskData() {
		SplittableRandom random = new SplittableRandom(42);
		for (byte[] value : this.values) {
			random.nextBytes(value);
		}
		for (int i = 0; i < ENTRIES; i++) {
			this.keys[i] = sha256Hex("entry-" + i);
		}
	}

	String key(int index) {
		return this.keys[index];
	}

	byte[] value(int index) {
		return this.values[index % DISTINCT_VALUES];
	}

	private static String sha256Hex(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
