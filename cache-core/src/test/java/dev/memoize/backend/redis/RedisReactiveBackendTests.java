package dev.memoize.backend.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.test.StepVerifier;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.Lookup;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;
import dev.memoize.support.TestClock;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code redis} backend's reactive reads and writes against a real server:
 * the same keys, documents and expiry as its blocking methods.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RedisReactiveBackendTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String PREFIX = RedisBackendContract.uniquePrefix(RedisReactiveBackendTests.class);

	private static LettuceConnectionFactory connections;

	private final TestClock clock = new TestClock();

	private final List<RedisBackend> created = new ArrayList<>();

	@BeforeAll
	static void connect() {
		connections = RedisConnections.standalone(TestServers.redisUrl(), RedisBackendContract.TIMEOUT);
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@AfterEach
	void removeWhatTheTestWrote() {
		new RedisBackend(connections, PREFIX, BackendContext.of("cleanup")).clear(EntryFilter.ALL);
		this.created.forEach(RedisBackend::close);
	}

	@Test
	void putReactive_isReadByTheBlockingGetAndTheReactiveGet() {
		RedisBackend backend = backend("rw");
		CacheEntry entry = entry("k1", null);
		StepVerifier.create(backend.putReactive(entry)).expectComplete().verify(WAIT);
		assertThat(backend.get(key("k1"))).isEqualTo(Lookup.hit(entry));
		assertThat(backend.getReactive(key("k1")).block(WAIT)).isEqualTo(Lookup.hit(entry));
	}

	@Test
	void getReactive_readsWhatTheBlockingPutWrote() {
		RedisBackend backend = backend("rw");
		CacheEntry entry = entry("k1", this.clock.instant().plus(Duration.ofHours(1)));
		backend.put(entry);
		Lookup lookup = backend.getReactive(key("k1")).block(WAIT);
		assertThat(lookup).isInstanceOf(Lookup.Hit.class);
		CacheEntry read = ((Lookup.Hit) lookup).entry();
		assertThat(read.expiresAt()).isEqualTo(entry.expiresAt());
		assertThat(((EncodedValue) read.output()).bytes()).isEqualTo(bytes("\"v\""));
		assertThat(((EncodedValue) read.output()).format()).isEqualTo(EncodedValue.JSON);
	}

	@Test
	void getReactive_missesAnAbsentKey() {
		assertThat(backend("rw").getReactive(key("absent")).block(WAIT)).isEqualTo(Lookup.miss());
	}

	@Test
	void putReactive_setsRedisTimeToLiveFromTheContextClock() {
		RedisBackend backend = backend("ttl");
		backend.putReactive(entry("k1", this.clock.instant().plus(Duration.ofHours(1)))).block(WAIT);
		backend.putReactive(entry("k2", null)).block(WAIT);
		assertThat(pttl(PREFIX + "ttl:k1")).isPositive()
			.isLessThanOrEqualTo(Duration.ofHours(1).toMillis())
			.isGreaterThan(Duration.ofMinutes(30).toMillis());
		assertThat(pttl(PREFIX + "ttl:k2")).isEqualTo(-1);
	}

	@Test
	void getReactive_missesAnEntryTheContextClockFindsExpired() {
		RedisBackend backend = backend("ttl");
		backend.putReactive(entry("k1", this.clock.instant().plus(Duration.ofMinutes(5)))).block(WAIT);
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(backend.getReactive(key("k1")).block(WAIT)).isEqualTo(Lookup.miss());
	}

	@Test
	void putReactive_ofAnExpiredEntryDeletesTheKey() {
		RedisBackend backend = backend("ttl");
		backend.put(entry("k1", null));
		backend.putReactive(entry("k1", this.clock.instant())).block(WAIT);
		assertThat(exists(PREFIX + "ttl:k1")).isFalse();
	}

	@Test
	void removeReactive_tellsWhetherAnEntryWasRemoved() {
		RedisBackend backend = backend("rm");
		backend.put(entry("k1", null));
		assertThat(backend.removeReactive("k1").block(WAIT)).isTrue();
		assertThat(backend.removeReactive("k1").block(WAIT)).isFalse();
		assertThat(backend.get(key("k1"))).isEqualTo(Lookup.miss());
	}

	@Test
	void getReactive_deletesAnUnreadableDocumentAndMisses() {
		RedisBackend backend = backend("bad");
		redis((connection) -> connection.stringCommands().set(bytes(PREFIX + "bad:k1"), bytes("not an entry")));
		assertThat(backend.getReactive(key("k1")).block(WAIT)).isEqualTo(Lookup.miss());
		assertThat(exists(PREFIX + "bad:k1")).isFalse();
	}

	@Test
	void nothingIsSentUntilSubscribed() {
		RedisBackend backend = backend("lazy");
		backend.putReactive(entry("k1", null));
		assertThat(exists(PREFIX + "lazy:k1")).isFalse();
	}

	@Test
	void failuresOfAnUnreachableServerNameTheCache() {
		LettuceConnectionFactory unreachable = RedisConnections.standalone("redis://127.0.0.1:1",
				Duration.ofSeconds(2));
		RedisBackend backend = RedisBackend.owning(unreachable, PREFIX, context("down"));
		this.created.add(backend);
		Lookup lookup = backend.getReactive(key("k1")).block(WAIT);
		assertThat(lookup).isInstanceOf(Lookup.Failure.class);
		assertThat(((Lookup.Failure) lookup).cause()).isInstanceOf(BackendException.class)
			.hasMessageContaining("Redis cache 'down' failed to read");
		StepVerifier.create(backend.putReactive(entry("k1", null)))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BackendException.class)
				.hasMessageContaining("Redis cache 'down' failed to write"))
			.verify(WAIT);
		StepVerifier.create(backend.removeReactive("k1"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(BackendException.class)
				.hasMessageContaining("Redis cache 'down' failed to remove"))
			.verify(WAIT);
	}

	@Test
	void connectionsOfAnotherDriverAreUsedThroughTheBlockingMethods() {
		OtherDriverConnections other = new OtherDriverConnections(connections);
		RedisBackend backend = new RedisBackend(other.factory(), PREFIX + "other:", context("other"));
		this.created.add(backend);
		CacheEntry entry = entry("k1", null);
		backend.putReactive(entry).block(WAIT);
		assertThat(backend.getReactive(key("k1")).block(WAIT)).isEqualTo(Lookup.hit(entry));
		assertThat(backend.removeReactive("k1").block(WAIT)).isTrue();
	}

	private RedisBackend backend(String cache) {
		RedisBackend backend = new RedisBackend(connections, PREFIX + cache + ":", context(cache));
		this.created.add(backend);
		return backend;
	}

	private BackendContext context(String cache) {
		return new BackendContext(cache, this.clock, (key) -> {
		});
	}

	private CacheEntry entry(String key, Instant expiresAt) {
		return CacheEntry.of(key, "f", Map.of("arg", key), new EncodedValue(EncodedValue.JSON, bytes("\"v\"")),
				Map.of("purpose", "test"), this.clock.instant(), expiresAt);
	}

	private static MemoKey key(String key) {
		return new MemoKey(key, "f", Map.of());
	}

	private static long pttl(String key) {
		return redis((connection) -> connection.keyCommands().pTtl(bytes(key)));
	}

	private static boolean exists(String key) {
		return redis((connection) -> connection.keyCommands().exists(bytes(key)));
	}

	private static <T> T redis(Function<RedisConnection, T> command) {
		try (RedisConnection connection = connections.getConnection()) {
			return command.apply(connection);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
