package dev.memoize.backend.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;
import dev.memoize.support.TestClock;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the Redis backend does beyond the backend contract: Redis's own expiry, key
 * prefixes, other data in the same database, unreadable values, failures and paging
 * across instances. Against the server {@link TestServers#redisUrl()} finds.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RedisBackendTests {

	private static final String PREFIX = RedisBackendContract.uniquePrefix(RedisBackendTests.class);

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
	void put_setsRedisTimeToLiveFromTheContextClock() {
		RedisBackend backend = backend("ttl");
		backend.put(entry("k1", this.clock.instant().plus(Duration.ofHours(1))));
		long ttl = pttl(PREFIX + "ttl:k1");
		assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
		assertThat(ttl).as("measured from the context clock, which stands in 2025, not from the system clock")
			.isGreaterThan(Duration.ofMinutes(30).toMillis());
	}

	@Test
	void timeToLiveIsRoundedUpToWholeMilliseconds() {
		Instant now = this.clock.instant();
		assertThat(EntryWrite.timeToLive(now.plusNanos(1_500_000), now)).isEqualTo(2);
		assertThat(EntryWrite.timeToLive(now.plusMillis(3), now)).isEqualTo(3);
		assertThat(EntryWrite.timeToLive(null, now)).isZero();
		assertThat(EntryWrite.timeToLive(Instant.MAX, now)).isZero();
	}

	@Test
	void put_leavesEntryWithoutExpiryPersistent() {
		RedisBackend backend = backend("ttl");
		backend.put(entry("k1", null));
		assertThat(pttl(PREFIX + "ttl:k1")).isEqualTo(-1);
	}

	@Test
	void putAll_setsEachEntrysOwnTimeToLive() {
		RedisBackend backend = backend("ttl");
		Instant now = this.clock.instant();
		backend.putAll(List.of(entry("short", now.plus(Duration.ofMinutes(10))),
				entry("long", now.plus(Duration.ofDays(2))), entry("never", null)));
		assertThat(pttl(PREFIX + "ttl:short")).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(10).toMillis());
		assertThat(pttl(PREFIX + "ttl:long")).isGreaterThan(Duration.ofDays(1).toMillis())
			.isLessThanOrEqualTo(Duration.ofDays(2).toMillis());
		assertThat(pttl(PREFIX + "ttl:never")).isEqualTo(-1);
	}

	@Test
	void putAll_pipelinesThroughSpringDataWhenTheConnectionsAreNotLettuces() {
		OtherDriverConnections otherDriver = new OtherDriverConnections(connections);
		RedisBackend backend = new RedisBackend(otherDriver.factory(), PREFIX + "other-driver:",
				context("other-driver"));
		Instant now = this.clock.instant();
		backend.putAll(List.of(entry("k1", now.plus(Duration.ofHours(1))), entry("k2", null), entry("k3", now)));
		assertThat(backend.get(key("k1"))).isInstanceOf(Lookup.Hit.class);
		assertThat(backend.get(key("k2"))).isInstanceOf(Lookup.Hit.class);
		assertThat(pttl(PREFIX + "other-driver:k1")).isPositive();
		assertThat(pttl(PREFIX + "other-driver:k2")).isEqualTo(-1);
		assertThat(exists(PREFIX + "other-driver:k3")).isFalse();
		assertThat(otherDriver.pipelines()).isEqualTo(1);
	}

	@Test
	void put_ofAnEntryAlreadyExpiredWritesNothingAndDeletesTheOlderOne() {
		RedisBackend backend = backend("ttl");
		backend.put(entry("k1", null));
		backend.put(entry("k1", this.clock.instant()));
		backend.putAll(List.of(entry("k2", this.clock.instant().minusSeconds(1))));
		assertThat(exists(PREFIX + "ttl:k1")).isFalse();
		assertThat(exists(PREFIX + "ttl:k2")).isFalse();
	}

	@Test
	void get_treatsEntryExpiredByTheContextClockAsAbsentWhileRedisStillHoldsIt() {
		RedisBackend backend = backend("ttl");
		backend.put(entry("k1", this.clock.instant().plus(Duration.ofHours(1))));
		this.clock.advance(Duration.ofHours(1));
		assertThat(backend.get(key("k1"))).isSameAs(Lookup.miss());
		assertThat(backend.getAll(List.of(key("k1")))).containsEntry("k1", Lookup.miss());
		assertThat(exists(PREFIX + "ttl:k1")).isTrue();
	}

	@Test
	void keyPrefix_isolatesTwoCachesOnOneDatabase() {
		RedisBackend one = backend("one");
		RedisBackend two = backend("two");
		one.put(entry("k1", null));
		one.put(entry("k2", null));
		two.put(entry("k1", null));
		assertThat(one.size()).isEqualTo(2);
		assertThat(two.size()).isEqualTo(1);
		assertThat(keys(two, EntryFilter.ALL)).containsExactly("k1");
		assertThat(one.clear(EntryFilter.ALL)).isEqualTo(2);
		assertThat(two.get(key("k1"))).isInstanceOf(Lookup.Hit.class);
		assertThat(one.get(key("k1"))).isSameAs(Lookup.miss());
	}

	@Test
	void defaultKeyPrefixIsMemoizeAndTheCacheName() {
		assertThat(RedisBackend.defaultKeyPrefix("llm")).isEqualTo("memoize:llm:");
	}

	@Test
	void entryIsOneRedisStringUnderThePrefixAndTheKey() {
		RedisBackend backend = backend("layout");
		backend.put(entry("k1", null));
		String type = redis((connection) -> connection.keyCommands().type(bytes(PREFIX + "layout:k1")).code());
		assertThat(type).isEqualTo("string");
	}

	@Test
	void otherDataInTheDatabaseIsNeverReadCountedOrChanged() {
		String prefix = PREFIX + "mine:";
		Map<String, String> foreign = new LinkedHashMap<>();
		foreign.put(PREFIX + "other:k1", "other application");
		foreign.put(PREFIX + "mine", "the prefix without its colon");
		foreign.put(PREFIX + "minex:k1", "a prefix that starts the same");
		foreign.put(PREFIX + "other:" + prefix + "k1", "the prefix inside another key");
		foreign
			.forEach((key, value) -> redis((connection) -> connection.stringCommands().set(bytes(key), bytes(value))));
		redis((connection) -> connection.hashCommands().hSet(bytes(PREFIX + "other:hash"), bytes("f"), bytes("v")));
		RedisBackend backend = new RedisBackend(connections, prefix, context("mine"));
		this.created.add(backend);
		backend.putAll(IntStream.range(0, 50).mapToObj((i) -> entry("k" + i, null)).toList());

		assertThat(backend.size()).isEqualTo(50);
		assertThat(keys(backend, EntryFilter.ALL)).hasSize(50);
		assertThat(backend.clear(EntryFilter.byFunc("f"))).isEqualTo(50);
		backend.putAll(IntStream.range(0, 50).mapToObj((i) -> entry("k" + i, null)).toList());
		assertThat(backend.clear(EntryFilter.ALL)).isEqualTo(50);

		foreign.forEach((key, value) -> assertThat(stringAt(key)).as(key).isEqualTo(value));
		byte[] field = redis((connection) -> connection.hashCommands().hGet(bytes(PREFIX + "other:hash"), bytes("f")));
		assertThat(new String(field, StandardCharsets.UTF_8)).isEqualTo("v");
	}

	@Test
	void keyPrefixWithGlobCharactersSelectsOnlyItsOwnKeys() {
		String prefix = PREFIX + "g[l]o*b?\\:";
		String matchedByTheUnescapedPattern = PREFIX + "gloxxbz:k1";
		redis((connection) -> connection.stringCommands().set(bytes(matchedByTheUnescapedPattern), bytes("foreign")));
		RedisBackend backend = new RedisBackend(connections, prefix, context("glob"));
		this.created.add(backend);
		backend.put(entry("k1", null));
		backend.put(entry("*", null));
		assertThat(backend.size()).isEqualTo(2);
		assertThat(keys(backend, EntryFilter.byKeyPrefix("*"))).containsExactly("*");
		assertThat(backend.clear(EntryFilter.ALL)).isEqualTo(2);
		assertThat(stringAt(matchedByTheUnescapedPattern)).isEqualTo("foreign");
	}

	@Test
	void unreadableValueUnderThePrefixIsAbsentAndIsDeleted() {
		RedisBackend backend = backend("corrupt");
		byte[] valid = EntryFormat.write(entry("k2", null));
		redis((connection) -> connection.stringCommands().set(bytes(PREFIX + "corrupt:k1"), bytes("not an entry")));
		redis((connection) -> connection.stringCommands().set(bytes(PREFIX + "corrupt:k3"), valid));
		assertThat(backend.get(key("k1"))).isSameAs(Lookup.miss());
		assertThat(exists(PREFIX + "corrupt:k1")).isFalse();
		assertThat(backend.get(key("k3"))).as("an entry stored under another entry's key").isSameAs(Lookup.miss());
		assertThat(backend.size()).isZero();
	}

	@Test
	void scan_skipsUnreadableValues() {
		RedisBackend backend = backend("corrupt");
		backend.put(entry("k1", null));
		redis((connection) -> connection.stringCommands().set(bytes(PREFIX + "corrupt:k2"), new byte[] { 1, 0 }));
		assertThat(keys(backend, EntryFilter.ALL)).containsExactly("k1");
	}

	@Test
	void scan_cursorHandedToAnotherInstanceGoesOnWithoutRepeatsOrGaps() {
		RedisBackend first = backend("paging");
		first.putAll(IntStream.range(0, 250).mapToObj((i) -> entry(String.format("k%03d", i), null)).toList());
		RedisBackend second = backend("paging");
		List<String> seen = new ArrayList<>();
		EntryPage page = first.scan(EntryFilter.ALL, null, 100);
		page.entries().forEach((entry) -> seen.add(entry.key()));
		for (String cursor = page.nextCursor(); cursor != null; cursor = page.nextCursor()) {
			page = second.scan(EntryFilter.ALL, cursor, 100);
			page.entries().forEach((entry) -> seen.add(entry.key()));
		}
		assertThat(seen).hasSize(250).doesNotHaveDuplicates().isSorted();
	}

	@Test
	void scan_returnsEveryEntryPresentThroughoutOnceWhileOthersComeAndGo() {
		RedisBackend backend = backend("paging");
		backend.putAll(IntStream.range(0, 300).mapToObj((i) -> entry(String.format("k%03d", i), null)).toList());
		Set<String> removed = new HashSet<>();
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int round = 0;
		do {
			EntryPage page = backend.scan(EntryFilter.ALL, cursor, 40);
			page.entries().forEach((entry) -> seen.add(entry.key()));
			cursor = page.nextCursor();
			round++;
			backend.put(entry(String.format("a%03d", round), null));
			backend.put(entry(String.format("k%03d-new", round * 20), null));
			String doomed = String.format("k%03d", 299 - round);
			backend.remove(doomed);
			removed.add(doomed);
		}
		while (cursor != null);
		Set<String> present = new HashSet<>();
		IntStream.range(0, 300).mapToObj((i) -> String.format("k%03d", i)).forEach(present::add);
		present.removeAll(removed);
		assertThat(seen).doesNotHaveDuplicates().containsAll(present);
		assertThat(seen).allMatch((key) -> key.startsWith("k") && !key.endsWith("-new"));
	}

	@Test
	void scan_rejectsACursorItDidNotMake() {
		RedisBackend backend = backend("paging");
		assertThatIllegalArgumentException().isThrownBy(() -> backend.scan(EntryFilter.ALL, "bogus", 10))
			.withMessageContaining("bogus");
	}

	@Test
	void failuresOfAnUnreachableServerNameTheCache() {
		LettuceConnectionFactory unreachable = RedisConnections.standalone("redis://127.0.0.1:1",
				Duration.ofSeconds(2));
		RedisBackend backend = RedisBackend.owning(unreachable, PREFIX, context("down"));
		this.created.add(backend);
		Lookup lookup = backend.get(key("k1"));
		assertThat(lookup).isInstanceOf(Lookup.Failure.class);
		assertThat(((Lookup.Failure) lookup).cause()).hasMessageContaining("Redis cache 'down' failed to read");
		assertThat(backend.getAll(List.of(key("k1"), key("k2"))).values()).hasSize(2)
			.allMatch(Lookup.Failure.class::isInstance);
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> backend.put(entry("k1", null)))
			.withMessageContaining("Redis cache 'down' failed to write");
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> backend.putAll(List.of(entry("k1", null))))
			.withMessageContaining("Redis cache 'down' failed to write");
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> backend.remove("k1"))
			.withMessageContaining("Redis cache 'down' failed to remove");
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> backend.clear(EntryFilter.ALL))
			.withMessageContaining("Redis cache 'down' failed to clear");
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> backend.scan(EntryFilter.ALL, null, 10))
			.withMessageContaining("Redis cache 'down' failed to scan");
		assertThatExceptionOfType(BackendException.class).isThrownBy(backend::size)
			.withMessageContaining("Redis cache 'down' failed to count");
	}

	@Test
	void close_destroysOwnConnectionsButLeavesTheApplicationsOpen() {
		LettuceConnectionFactory own = RedisConnections.standalone(TestServers.redisUrl(), Duration.ofSeconds(2));
		RedisBackend.owning(own, PREFIX, context("own")).close();
		new RedisBackend(connections, PREFIX, context("shared")).close();
		assertThat(own.isRunning()).isFalse();
		assertThat(connections.isRunning()).isTrue();
	}

	@Test
	void emptyKeyPrefixIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisBackend(connections, "", context("x")))
			.withMessageContaining("prefix");
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
				Map.of(), this.clock.instant(), expiresAt);
	}

	private static MemoKey key(String key) {
		return new MemoKey(key, "f", Map.of());
	}

	private static List<String> keys(RedisBackend backend, EntryFilter filter) {
		List<String> keys = new ArrayList<>();
		String cursor = null;
		do {
			EntryPage page = backend.scan(filter, cursor, 7);
			page.entries().forEach((entry) -> keys.add(entry.key()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return keys;
	}

	private static String stringAt(String key) {
		byte[] value = redis((connection) -> connection.stringCommands().get(bytes(key)));
		return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
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
