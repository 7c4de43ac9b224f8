package dev.memoize.backend.jdbc;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.memoize.interceptor.BatchFixture;
import dev.memoize.interceptor.BatchService;
import dev.memoize.interceptor.BatchService.Answer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL statements of {@code @Memoize(batch = true)} calls on a real PostgreSQL, as a
 * counting data source sees them: one {@code IN} query for the hits, one batched upsert
 * for the computed elements, nothing else.
 */
class JdbcBatchRoundTripTests {

	private static TestDatabase database;

	private CountingDataSource counting;

	private BatchFixture fixture;

	private BatchService target;

	private BatchService service;

	@BeforeAll
	static void open() {
		database = TestDatabase.postgres();
	}

	@AfterAll
	static void drop() {
		database.close();
	}

	@BeforeEach
	void createService() {
		this.counting = new CountingDataSource(database.dataSource());
		this.fixture = fixture(this.counting);
		this.target = new BatchService();
		this.service = this.fixture.proxy(this.target);
		this.counting.reset();
	}

	private static BatchFixture fixture(CountingDataSource dataSource) {
		return new BatchFixture((context) -> JdbcBackend.create(dataSource,
				database.options().withPurgeInterval(Duration.ofHours(1)), context));
	}

	@AfterEach
	void close() throws Exception {
		this.fixture.close();
		database.deleteRows();
	}

	@Test
	void firstCall_isOneQueryAndOneBatchedUpsert() {
		assertThat(this.service.answers(List.of("a", "bb", "ccc"))).containsExactly(new Answer("a", 1),
				new Answer("bb", 2), new Answer("ccc", 3));
		assertThat(this.counting.statements()).isEqualTo(2);
		assertThat(this.target.calls).containsExactly(List.of("a", "bb", "ccc"));
		assertThat(database.rows("default")).isEqualTo(3);
	}

	@Test
	void overlappingCall_isOneQueryAndOneUpsertOfOnlyTheNewElements() {
		this.service.answers(List.of("a", "bb"));
		this.counting.reset();
		assertThat(this.service.answers(List.of("ccc", "a", "dddd", "bb"))).extracting(Answer::length)
			.containsExactly(3, 1, 4, 2);
		assertThat(this.counting.statements()).isEqualTo(2);
		assertThat(this.target.calls).containsExactly(List.of("a", "bb"), List.of("ccc", "dddd"));
		assertThat(database.rows("default")).isEqualTo(4);
	}

	@Test
	void callWithOnlyStoredElements_isOneQuery() {
		this.service.answers(List.of("a", "bb"));
		this.counting.reset();
		this.service.answers(List.of("bb", "a", "bb"));
		assertThat(this.counting.statements()).isEqualTo(1);
		assertThat(this.target.calls).hasSize(1);
	}

	@Test
	void storedElementsAreDecodedToTheElementTypeByAnotherCacheInstance() throws Exception {
		this.service.answers(List.of("a", "bb"));
		try (BatchFixture other = fixture(new CountingDataSource(database.dataSource()))) {
			BatchService otherTarget = new BatchService();
			List<Answer> answers = other.proxy(otherTarget).answers(List.of("bb", "a"));
			assertThat(answers).containsExactly(new Answer("bb", 2), new Answer("a", 1))
				.allSatisfy((answer) -> assertThat(answer).isInstanceOf(Answer.class));
			assertThat(otherTarget.calls).isEmpty();
		}
	}

}
