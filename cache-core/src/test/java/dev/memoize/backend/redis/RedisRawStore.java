package dev.memoize.backend.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.RawStore;
import dev.memoize.codec.EncodedValue;
import dev.memoize.testing.TestServers;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The keys of a Redis backend under a prefix no one else uses, on the server
 * {@link TestServers#redisUrl()} finds, their values read and written with plain
 * {@code GET} and {@code SET}. Closing it deletes what was written under the prefix.
 */
public final class RedisRawStore implements RawStore {

	private final LettuceConnectionFactory connections = RedisConnections.standalone(TestServers.redisUrl(),
			Duration.ofSeconds(5));

	private final KeySpace keys;

	private final String prefix;

	/**
	 * Creates a store under a prefix of its own.
	 */
	public RedisRawStore() {
		this.prefix = RedisBackendContract.uniquePrefix(RedisRawStore.class);
		this.keys = new KeySpace(this.prefix);
	}

	@Override
	public CacheBackend open(BackendContext context) {
		return new RedisBackend(this.connections, this.prefix, context);
	}

	@Override
	public List<Damage> damages() {
		return List.of(new Damage("garbage value", (key) -> set(key, "garbage".getBytes(UTF_8))),
				new Damage("truncated document", (key) -> rewrite(key, (d) -> Arrays.copyOf(d, d.length - 3))),
				new Damage("unknown version", (key) -> rewrite(key, (d) -> {
					byte[] damaged = d.clone();
					damaged[0] = 99;
					return damaged;
				})), new Damage("garbage output bytes", (key) -> rewrite(key, (d) -> {
					CacheEntry entry = EntryFormat.read(d);
					return EntryFormat.write(entry.withOutput(new EncodedValue(EncodedValue.JSON, new byte[] { '{' })));
				})));
	}

	private void rewrite(String key, UnaryOperator<byte[]> how) {
		set(key, how.apply(get(key)));
	}

	private byte[] get(String key) {
		try (RedisConnection connection = this.connections.getConnection()) {
			return connection.stringCommands().get(this.keys.redisKey(key));
		}
	}

	private void set(String key, byte[] value) {
		try (RedisConnection connection = this.connections.getConnection()) {
			connection.stringCommands().set(this.keys.redisKey(key), value);
		}
	}

	@Override
	public boolean holds(String key) {
		return get(key) != null;
	}

	@Override
	public void close() {
		try (RedisBackend backend = new RedisBackend(this.connections, this.prefix, BackendContext.of("cleanup"))) {
			backend.clear(EntryFilter.ALL);
		}
		finally {
			this.connections.destroy();
		}
	}

	@Override
	public String toString() {
		return "redis";
	}

}
