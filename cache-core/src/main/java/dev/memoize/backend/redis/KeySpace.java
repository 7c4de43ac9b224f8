package dev.memoize.backend.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;

/**
 * The Redis keys of one cache: every key under its prefix. Maps entry keys to Redis keys
 * and back, and walks the keys with {@code SCAN ... MATCH <prefix>* COUNT}, on every
 * master of a Redis Cluster; never with {@code KEYS}, which blocks the server.
 * Thread-safe (immutable).
 */
final class KeySpace {

	/**
	 * How many keys one {@code SCAN} call asks for, and the size of the batches handed
	 * on.
	 */
	static final int SCAN_COUNT = 1000;

	private final String prefix;

	private final byte[] prefixBytes;

	KeySpace(String prefix) {
		if (prefix == null || prefix.isEmpty()) {
			throw new IllegalArgumentException("The key prefix must not be empty");
		}
		this.prefix = prefix;
		this.prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
	}

	String prefix() {
		return this.prefix;
	}

	byte[] redisKey(String key) {
		byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
		byte[] redisKey = Arrays.copyOf(this.prefixBytes, this.prefixBytes.length + keyBytes.length);
		System.arraycopy(keyBytes, 0, redisKey, this.prefixBytes.length, keyBytes.length);
		return redisKey;
	}

	/**
	 * The entry key of a Redis key.
	 * @param redisKey a key under the prefix
	 * @return the entry key, or {@code null} if the key is not under the prefix
	 */
	String key(byte[] redisKey) {
		if (redisKey.length < this.prefixBytes.length
				|| !Arrays.equals(redisKey, 0, this.prefixBytes.length, this.prefixBytes, 0, this.prefixBytes.length)) {
			return null;
		}
		return new String(redisKey, this.prefixBytes.length, redisKey.length - this.prefixBytes.length,
				StandardCharsets.UTF_8);
	}

	/**
	 * The {@code MATCH} pattern of the keys whose entry key starts with the given text.
	 * @param keyPrefix start of the entry keys, or {@code null} for all
	 * @return the glob pattern, special characters escaped
	 */
	byte[] pattern(String keyPrefix) {
		String literal = (keyPrefix != null) ? this.prefix + keyPrefix : this.prefix;
		StringBuilder pattern = new StringBuilder(literal.length() + 8);
		for (int i = 0; i < literal.length(); i++) {
			char c = literal.charAt(i);
			if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
				pattern.append('\\');
			}
			pattern.append(c);
		}
		return pattern.append('*').toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Hands every key that matches the pattern to the consumer, in batches of at most
	 * {@link #SCAN_COUNT}. As with {@code SCAN} itself, a key present during the whole
	 * walk is handed on at least once, and may be handed on twice.
	 * @param connection the connection, a {@link RedisClusterConnection} for a cluster
	 * @param pattern the pattern from {@link #pattern}
	 * @param batches told each batch of Redis keys
	 */
	void scan(RedisConnection connection, byte[] pattern, Consumer<List<byte[]>> batches) {
		ScanOptions options = ScanOptions.scanOptions().match(pattern).count(SCAN_COUNT).build();
		if (connection instanceof RedisClusterConnection cluster) {
			for (RedisClusterNode node : cluster.clusterGetNodes()) {
				if (node.isMaster()) {
					drain(cluster.scan(node, options), batches);
				}
			}
		}
		else {
			drain(connection.keyCommands().scan(options), batches);
		}
	}

	private static void drain(Cursor<byte[]> cursor, Consumer<List<byte[]>> batches) {
		try (cursor) {
			List<byte[]> batch = new ArrayList<>(SCAN_COUNT);
			while (cursor.hasNext()) {
				batch.add(cursor.next());
				if (batch.size() == SCAN_COUNT) {
					batches.accept(batch);
					batch = new ArrayList<>(SCAN_COUNT);
				}
			}
			if (!batch.isEmpty()) {
				batches.accept(batch);
			}
		}
	}

}
