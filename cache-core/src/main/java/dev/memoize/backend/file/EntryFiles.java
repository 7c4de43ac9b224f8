package dev.memoize.backend.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Where the file of each key lives: {@code <directory>/<shard>/<stem>.json}, the shard
 * being the first two characters of the stem.
 *
 * <p>
 * The stem is the key itself when the key is a safe file name on every common file
 * system: 2 to 128 lowercase ASCII letters, digits, {@code -} and {@code _}, starting
 * with a letter or digit, and not a reserved Windows device name. Every real key (64
 * lowercase hex digits) is one. Any other key gets the stem {@code _} followed by the
 * lowercase hex SHA-256 of its UTF-8 bytes; the file itself holds the key. Safe stems
 * never start with {@code _}, so the two kinds cannot collide. Immutable and thread-safe.
 */
final class EntryFiles {

	/** Ending of an entry file's name. */
	static final String SUFFIX = ".json";

	/** Ending of the name an unreadable file is moved to. */
	static final String UNREADABLE_SUFFIX = ".json.unreadable";

	private static final String TEMP_SUFFIX = ".tmp";

	private static final String HASHED = "_";

	private static final Pattern SAFE_KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{1,127}");

	private static final Pattern HASHED_STEM = Pattern.compile("_[0-9a-f]{64}");

	private static final Pattern SHARD = Pattern.compile("[a-z0-9][a-z0-9_-]|_[0-9a-f]");

	private static final Set<String> DEVICE_NAMES = Set.of("con", "prn", "aux", "nul", "com0", "com1", "com2", "com3",
			"com4", "com5", "com6", "com7", "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6",
			"lpt7", "lpt8", "lpt9");

	private final Path directory;

	EntryFiles(Path directory) {
		this.directory = directory;
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * The stem of a key's file name: the key when it is safe, else its hash.
	 * @param key the key
	 * @return the stem, at least two characters long
	 */
	static String stem(String key) {
		if (SAFE_KEY.matcher(key).matches() && !DEVICE_NAMES.contains(key)) {
			return key;
		}
		return HASHED + HexFormat.of().formatHex(sha256(key));
	}

	private static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * Whether a stem is a hash, so its file name tells nothing about its key.
	 * @param stem the stem
	 * @return {@code true} for the stem of a key that is not a safe file name
	 */
	static boolean isHashed(String stem) {
		return stem.startsWith(HASHED);
	}

	static String shard(String stem) {
		return stem.substring(0, 2);
	}

	static boolean isShard(String name) {
		return SHARD.matcher(name).matches();
	}

	/**
	 * The stem of an entry file's name, if the name is one this layout writes in that
	 * shard.
	 * @param shard the shard folder's name
	 * @param fileName the file name
	 * @return the stem, or {@code null} for any other file
	 */
	static String stemOf(String shard, String fileName) {
		if (!fileName.endsWith(SUFFIX)) {
			return null;
		}
		String stem = fileName.substring(0, fileName.length() - SUFFIX.length());
		boolean valid = isHashed(stem) ? HASHED_STEM.matcher(stem).matches() : stem(stem).equals(stem);
		return (valid && shard(stem).equals(shard)) ? stem : null;
	}

	/**
	 * Whether a file name is one of this layout's temporary files.
	 * @param fileName the file name
	 * @return {@code true} for a temporary file
	 */
	static boolean isTemporary(String fileName) {
		return fileName.startsWith(".") && fileName.endsWith(TEMP_SUFFIX);
	}

	/**
	 * Whether a shard may hold entries whose keys start with the prefix.
	 * @param shard the shard
	 * @param keyPrefix the prefix, or {@code null} for any key
	 * @return {@code false} when none of its entries can match
	 */
	static boolean mayHold(String shard, String keyPrefix) {
		return keyPrefix == null || isHashed(shard) || shard.startsWith(keyPrefix) || keyPrefix.startsWith(shard);
	}

	/**
	 * Whether the entry of a stem may have a key that starts with the prefix.
	 * @param stem the stem
	 * @param keyPrefix the prefix, or {@code null} for any key
	 * @return {@code false} when it cannot match
	 */
	static boolean stemMayMatch(String stem, String keyPrefix) {
		return keyPrefix == null || isHashed(stem) || stem.startsWith(keyPrefix);
	}

	Path shardFolder(String shard) {
		return this.directory.resolve(shard);
	}

	Path file(String stem) {
		return shardFolder(shard(stem)).resolve(stem + SUFFIX);
	}

	/**
	 * A fresh name for the temporary file that becomes an entry file once written.
	 * @param file the entry file
	 * @return a path in the same folder that no other writer uses
	 */
	static Path temporaryFor(Path file) {
		return file.resolveSibling("." + file.getFileName() + "."
				+ Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
	}

	/**
	 * Where an unreadable entry file is moved, out of the cache's sight.
	 * @param file the entry file
	 * @return the path beside it
	 */
	static Path unreadableFor(Path file) {
		String name = file.getFileName().toString();
		return file.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + UNREADABLE_SUFFIX);
	}

}
