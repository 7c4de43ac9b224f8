package dev.memoize.backend.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link JdbcDialect}: URLs, product names and the upsert statements.
 */
class JdbcDialectTests {

	@Test
	void forUrl_recognizesTheUrlsOfEverySupportedDatabase() {
		assertThat(JdbcDialect.forUrl("jdbc:sqlite:.memoize/llm.db")).contains(JdbcDialect.SQLITE);
		assertThat(JdbcDialect.forUrl("jdbc:postgresql://db:5432/app")).contains(JdbcDialect.POSTGRESQL);
		assertThat(JdbcDialect.forUrl("jdbc:mysql://db/app")).contains(JdbcDialect.MYSQL);
		assertThat(JdbcDialect.forUrl("jdbc:mariadb://db/app")).contains(JdbcDialect.MYSQL);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:h2:mem:test", "jdbc:oracle:thin:@db:1521:app", "postgresql://db/app", "" })
	void forUrl_ofOtherUrlsIsEmpty(String url) {
		assertThat(JdbcDialect.forUrl(url)).isEmpty();
	}

	@Test
	void forUrl_ofNoUrlIsEmpty() {
		assertThat(JdbcDialect.forUrl(null)).isEmpty();
	}

	@Test
	void forProductName_knowsMariaDbAsTheMysqlDialect() {
		assertThat(JdbcDialect.forProductName("MariaDB")).contains(JdbcDialect.MYSQL);
		assertThat(JdbcDialect.forProductName("MySQL")).contains(JdbcDialect.MYSQL);
		assertThat(JdbcDialect.forProductName("H2")).isEmpty();
	}

	@Test
	void upsert_ofPostgresAndSqliteUpdatesOnConflictOfCacheNameAndKey() {
		for (JdbcDialect dialect : new JdbcDialect[] { JdbcDialect.POSTGRESQL, JdbcDialect.SQLITE }) {
			assertThat(dialect.upsert("t")).startsWith("INSERT INTO t (cache_name, entry_key, func,")
				.contains("ON CONFLICT (cache_name, entry_key) DO UPDATE SET func = excluded.func,")
				.endsWith("write_order = excluded.write_order");
		}
	}

	@Test
	void upsert_ofMysqlUpdatesOnDuplicateKey() {
		assertThat(JdbcDialect.MYSQL.upsert("t")).contains("ON DUPLICATE KEY UPDATE func = VALUES(func),")
			.endsWith("write_order = VALUES(write_order)");
	}

	@Test
	void upsert_bindsThirteenValues() {
		assertThat(JdbcDialect.SQLITE.upsert("t").chars().filter((c) -> c == '?')).hasSize(13);
	}

	@Test
	void upperBound_raisesTheLastCharacterOfThePrefix() {
		assertThat(EntryTable.upperBound("ab")).isEqualTo("ac");
		assertThat(EntryTable.upperBound("9f")).isEqualTo("9g");
		assertThat(EntryTable.upperBound("a\uFFFF")).isNull();
		assertThat(EntryTable.upperBound("a\uD83D")).isNull();
	}

}
