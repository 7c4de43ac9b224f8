package dev.memoize.backend.jdbc;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link JdbcOptions}.
 */
class JdbcOptionsTests {

	@Test
	void defaults_useTheSharedTableWithoutLimitAndPurgeEveryFiveMinutes() {
		JdbcOptions options = JdbcOptions.defaults();
		assertThat(options.table()).isEqualTo("memoize_entries");
		assertThat(options.maxEntries()).isZero();
		assertThat(options.purgeInterval()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void historyTable_ofTheDefaultTableIsMemoizeSchemaHistory() {
		assertThat(JdbcOptions.defaults().historyTable()).isEqualTo("memoize_schema_history");
	}

	@Test
	void historyTable_ofAnotherTableIsNamedAfterIt() {
		assertThat(JdbcOptions.defaults().withTable("llm_cache").historyTable()).isEqualTo("llm_cache_schema_history");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Entries", "1entries", "memo-entries", "memo entries", "t;drop table x",
			"a_table_name_that_is_longer_than_forty_chars" })
	void table_mustBeAShortLowercaseIdentifier(String table) {
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcOptions.defaults().withTable(table))
			.withMessageContaining("table '" + table + "'");
	}

	@Test
	void maxEntries_mustNotBeNegative() {
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcOptions.defaults().withMaxEntries(-1));
	}

	@Test
	void defaults_timeStatementsOutAfterTwoSeconds() {
		assertThat(JdbcOptions.defaults().timeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(JdbcOptions.defaults().statementTimeoutSeconds()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(longs = { 1, 999, 1000 })
	void statementTimeoutSeconds_roundsUpToAWholeSecond(long millis) {
		assertThat(JdbcOptions.defaults().withTimeout(Duration.ofMillis(millis)).statementTimeoutSeconds())
			.isEqualTo(1);
	}

	@Test
	void statementTimeoutSeconds_ofMoreThanASecondRoundsUp() {
		assertThat(JdbcOptions.defaults().withTimeout(Duration.ofMillis(1001)).statementTimeoutSeconds()).isEqualTo(2);
	}

	@Test
	void timeout_mustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcOptions.defaults().withTimeout(Duration.ZERO))
			.withMessageContaining("timeout");
	}

	@Test
	void purgeInterval_mustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> JdbcOptions.defaults().withPurgeInterval(Duration.ZERO));
	}

}
