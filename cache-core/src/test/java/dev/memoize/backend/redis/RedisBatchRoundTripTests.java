package dev.memoize.backend.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.memoize.interceptor.BatchFixture;
import dev.memoize.interceptor.BatchService;
import dev.memoize.interceptor.BatchService.Answer;
import dev.memoize.interceptor.ReactiveBatchService;
import dev.memoize.testing.LocalRedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis round trips of {@code @Memoize(batch = true)} calls, as the server counts
 * them in {@code INFO commandstats}: one {@code MGET} for the hits, one pipeline of
 * {@code SET}s for the computed elements, nothing else. On a server of this class's own,
 * since those counts are server-wide.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RedisBatchRoundTripTests {

	private static final Set<String> CONNECTION_COMMANDS = Set.of("info", "config|resetstat", "hello", "client|setinfo",
			"client|setname", "ping", "select");

	@RegisterExtension
	static final LocalRedisServer redis = new LocalRedisServer();

	private static LettuceConnectionFactory connections;

	private static LettuceConnectionFactory admin;

	private BatchFixture fixture;

	private BatchService target;

	private BatchService service;

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
	void createService() {
		this.fixture = fixture();
		this.fixture.cache().clear();
		this.target = new BatchService();
		this.service = this.fixture.proxy(this.target);
	}

	private static BatchFixture fixture() {
		return new BatchFixture((context) -> new RedisBackend(connections, "memoize:batch:", context));
	}

	@AfterEach
	void close() throws Exception {
		this.fixture.close();
	}

	@Test
	void firstCall_isOneMgetAndOneSetPerComputedElement() {
		Map<String, Long> calls = counted(() -> assertThat(this.service.answers(List.of("a", "bb", "ccc")))
			.containsExactly(new Answer("a", 1), new Answer("bb", 2), new Answer("ccc", 3)));
		assertThat(calls).isEqualTo(Map.of("mget", 1L, "set", 3L));
		assertThat(this.target.calls).containsExactly(List.of("a", "bb", "ccc"));
	}

	@Test
	void overlappingCall_readsWithOneMgetAndWritesOnlyTheNewElements() {
		this.service.answers(List.of("a", "bb"));
		Map<String, Long> calls = counted(
				() -> assertThat(this.service.answers(List.of("ccc", "a", "dddd", "bb"))).extracting(Answer::length)
					.containsExactly(3, 1, 4, 2));
		assertThat(calls).isEqualTo(Map.of("mget", 1L, "set", 2L));
		assertThat(this.target.calls).containsExactly(List.of("a", "bb"), List.of("ccc", "dddd"));
	}

	@Test
	void callWithOnlyStoredElements_isOneMgetAndNothingElse() {
		this.service.answers(List.of("a", "bb"));
		Map<String, Long> calls = counted(() -> this.service.answers(List.of("bb", "a", "bb")));
		assertThat(calls).isEqualTo(Map.of("mget", 1L));
		assertThat(this.target.calls).hasSize(1);
	}

	@Test
	void fluxBatch_isOneMgetAndOneSetPerComputedElement() {
		ReactiveBatchService reactiveTarget = new ReactiveBatchService();
		ReactiveBatchService reactive = this.fixture.proxy(reactiveTarget);
		reactive.upper(List.of("a")).blockLast(Duration.ofSeconds(30));
		Map<String, Long> calls = counted(
				() -> assertThat(reactive.upper(List.of("b", "a", "c")).collectList().block(Duration.ofSeconds(30)))
					.containsExactly("B", "A", "C"));
		assertThat(calls).isEqualTo(Map.of("mget", 1L, "set", 2L));
		assertThat(reactiveTarget.calls).containsExactly(List.of("a"), List.of("b", "c"));
	}

	@Test
	void storedElementsAreDecodedToTheElementTypeByAnotherCacheInstance() throws Exception {
		this.service.answers(List.of("a", "bb"));
		try (BatchFixture other = fixture()) {
			BatchService otherTarget = new BatchService();
			List<Answer> answers = other.proxy(otherTarget).answers(List.of("bb", "a"));
			assertThat(answers).containsExactly(new Answer("bb", 2), new Answer("a", 1))
				.allSatisfy((answer) -> assertThat(answer).isInstanceOf(Answer.class));
			assertThat(otherTarget.calls).isEmpty();
		}
	}

	/**
	 * Runs the action between a reset and a reading of the server's command counts.
	 * @return calls by lower-case command name, without those of the reading and of
	 * connection set-up
	 */
	private static Map<String, Long> counted(Runnable action) {
		try (RedisConnection connection = admin.getConnection()) {
			connection.serverCommands().resetConfigStats();
			action.run();
			Properties stats = connection.serverCommands().info("commandstats");
			Map<String, Long> calls = new TreeMap<>();
			stats.forEach((name, value) -> {
				String command = name.toString().replaceFirst("^cmdstat_", "");
				for (String field : value.toString().split(",")) {
					if (field.startsWith("calls=") && !CONNECTION_COMMANDS.contains(command)) {
						calls.put(command, Long.parseLong(field.substring("calls=".length())));
					}
				}
			});
			return calls;
		}
	}

}
