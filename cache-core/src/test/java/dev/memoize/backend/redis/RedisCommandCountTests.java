package dev.memoize.backend.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;
import dev.memoize.support.TestClock;
import dev.memoize.testing.LocalRedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Redis commands the backend sends, as the server counts them in
 * {@code INFO commandstats}. On a server of this class's own, since those counts are
 * server-wide and the shared test server serves other test classes meanwhile.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RedisCommandCountTests {

	@RegisterExtension
	static final LocalRedisServer redis = new LocalRedisServer();

	private static LettuceConnectionFactory connections;

	private static LettuceConnectionFactory admin;

	private final TestClock clock = new TestClock();

	private RedisBackend backend;

	@BeforeAll
	static void connect() {
		connections = RedisConnections.standalone(redis.server().url(), Duration.ofSeconds(10));
		admin = RedisConnections.standalone(redis.server().url(), Duration.ofSeconds(10));
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
		admin.destroy();
	}

	@BeforeEach
	void createBackend() {
		this.backend = new RedisBackend(connections, "memoize:counted:",
				new BackendContext("counted", this.clock, (key) -> {
				}));
		this.backend.clear(EntryFilter.ALL);
	}

	@AfterEach
	void closeBackend() {
		this.backend.close();
	}

	@Test
	void getAll_readsOneHundredKeysWithOneMget() {
		this.backend.putAll(entries(100));
		List<MemoKey> keys = IntStream.range(0, 100).mapToObj((i) -> new MemoKey("k" + i, "f", Map.of())).toList();
		Map<String, Long> calls = counted(() -> assertThat(this.backend.getAll(keys).values()).hasSize(100)
			.allMatch(Lookup.Hit.class::isInstance));
		assertThat(calls).containsEntry("mget", 1L).doesNotContainKey("get");
	}

	@Test
	void putAll_writesOneHundredEntriesWithOneSetEachAndNothingElse() {
		Map<String, Long> calls = counted(() -> this.backend.putAll(entries(100)));
		assertThat(calls).containsEntry("set", 100L).doesNotContainKeys("get", "mget", "del", "unlink", "expire");
	}

	@Test
	void get_isOneGet() {
		this.backend.putAll(entries(1));
		Map<String, Long> calls = counted(() -> this.backend.get(new MemoKey("k0", "f", Map.of())));
		assertThat(calls).containsEntry("get", 1L).doesNotContainKey("mget");
	}

	@Test
	void sizeScanAndClearWalkTheKeysWithScanNeverKeys() {
		admin((connection) -> connection.stringCommands()
			.set("other-application:k1".getBytes(StandardCharsets.UTF_8), new byte[] { 1 }));
		this.backend.putAll(entries(2500));
		Map<String, Long> calls = counted(() -> {
			assertThat(this.backend.size()).isEqualTo(2500);
			String cursor = null;
			int seen = 0;
			do {
				EntryPage page = this.backend.scan(EntryFilter.byFunc("f"), cursor, 1000);
				seen += page.entries().size();
				cursor = page.nextCursor();
			}
			while (cursor != null);
			assertThat(seen).isEqualTo(2500);
			assertThat(this.backend.clear(EntryFilter.ALL)).isEqualTo(2500);
		});
		assertThat(calls).doesNotContainKeys("keys", "dbsize", "flushdb", "flushall");
		assertThat(calls.get("scan")).isGreaterThanOrEqualTo(3L);
		Boolean untouched = admin((connection) -> connection.keyCommands()
			.exists("other-application:k1".getBytes(StandardCharsets.UTF_8)));
		assertThat(untouched).isTrue();
	}

	private List<CacheEntry> entries(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> CacheEntry.of("k" + i, "f", Map.of("i", i),
					new EncodedValue(EncodedValue.JSON, ("\"v" + i + "\"").getBytes(StandardCharsets.UTF_8)), Map.of(),
					this.clock.instant(), this.clock.instant().plus(Duration.ofHours(1))))
			.toList();
	}

	/**
	 * Runs the action between a reset and a reading of the server's command counts.
	 * @return calls by lower-case command name, without the commands of the reading
	 */
	private static Map<String, Long> counted(Runnable action) {
		admin((connection) -> {
			connection.serverCommands().resetConfigStats();
			return null;
		});
		action.run();
		Properties stats = admin((connection) -> connection.serverCommands().info("commandstats"));
		Map<String, Long> calls = new TreeMap<>();
		stats.forEach((name, value) -> {
			String command = name.toString().replaceFirst("^cmdstat_", "");
			for (String field : value.toString().split(",")) {
				if (field.startsWith("calls=")) {
					calls.put(command, Long.parseLong(field.substring("calls=".length())));
				}
			}
		});
		calls.remove("info");
		calls.remove("config|resetstat");
		return calls;
	}

	private static <T> T admin(Function<RedisConnection, T> command) {
		try (RedisConnection connection = admin.getConnection()) {
			return command.apply(connection);
		}
	}

}
