package dev.memoize.backend.jdbc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.memoize.CacheEntry;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;
import dev.memoize.support.TestClock;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests that the {@code jdbc} backend creates its table with a Flyway history of its own
 * and leaves an application's tables and Flyway history alone. Each test gets a fresh
 * SQLite file, PostgreSQL schema or MariaDB database.
 */
class JdbcSchemaTests {

	private static final String APP_MIGRATIONS = "classpath:dev/memoize/backend/jdbc/app-migration";

	@Nested
	class Sqlite extends SchemaBehaviour {

		@TempDir
		Path directory;

		@Override
		HikariDataSource openFreshDatabase() {
			return JdbcPools.open("jdbc:sqlite:" + this.directory.resolve("app.db"), null, null, 2, "schema");
		}

		@Override
		void dropDatabase() {
		}

	}

	@Nested
	class Postgres extends SchemaBehaviour {

		private final String schema = TestDatabase.uniqueName("memoize_schema_");

		@Override
		HikariDataSource openFreshDatabase() {
			admin(TestServers.postgresUrl(), "CREATE SCHEMA " + this.schema);
			String url = TestServers.postgresUrl();
			return JdbcPools.open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + this.schema, null, null, 2,
					"schema");
		}

		@Override
		void dropDatabase() {
			admin(TestServers.postgresUrl(), "DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		}

	}

	@Nested
	class MariaDb extends SchemaBehaviour {

		private final String database = TestDatabase.uniqueName("memoize_schema_");

		@Override
		HikariDataSource openFreshDatabase() {
			admin(TestServers.mysqlUrl(), "CREATE DATABASE " + this.database);
			String url = TestServers.mysqlUrl().replaceFirst("^(jdbc:[a-z]+://[^/?]+/)[^?]*", "$1" + this.database);
			return JdbcPools.open(url, null, null, 2, "schema");
		}

		@Override
		void dropDatabase() {
			admin(TestServers.mysqlUrl(), "DROP DATABASE IF EXISTS " + this.database);
		}

	}

	private static void admin(String url, String sql) {
		try (HikariDataSource pool = JdbcPools.open(url, null, null, 2, "admin")) {
			new JdbcTemplate(pool).execute(sql);
		}
	}

	abstract static class SchemaBehaviour {

		private final TestClock clock = new TestClock();

		private HikariDataSource dataSource;

		private JdbcTemplate jdbc;

		abstract HikariDataSource openFreshDatabase();

		abstract void dropDatabase();

		@BeforeEach
		void open() {
			this.dataSource = openFreshDatabase();
			this.jdbc = new JdbcTemplate(this.dataSource);
		}

		@AfterEach
		void close() {
			try {
				this.dataSource.close();
			}
			finally {
				dropDatabase();
			}
		}

		private JdbcBackend backend(JdbcOptions options) {
			return JdbcBackend.create(this.dataSource, options, BackendContext.of("c"));
		}

		private Flyway applicationFlyway() {
			return Flyway.configure().dataSource(this.dataSource).locations(APP_MIGRATIONS).load();
		}

		private List<Map<String, Object>> history(String table) {
			return this.jdbc.queryForList("SELECT installed_rank, version, type, checksum, success FROM " + table
					+ " ORDER BY installed_rank");
		}

		private List<String> versions(String table) {
			return this.jdbc.queryForList("SELECT version FROM " + table + " ORDER BY installed_rank", String.class);
		}

		private void assertStoresEntries(JdbcBackend backend) {
			CacheEntry entry = CacheEntry.of("k", "f", Map.of(), null, Map.of(), this.clock.instant(), null);
			backend.put(entry);
			assertThat(backend.get(new MemoKey("k", "f", Map.of()))).isEqualTo(Lookup.hit(entry));
		}

		@Test
		void theApplicationsTablesAndFlywayHistoryAreLeftAlone() {
			Flyway application = applicationFlyway();
			application.migrate();
			List<Map<String, Object>> applicationHistory = history("flyway_schema_history");
			try (JdbcBackend backend = backend(JdbcOptions.defaults())) {
				assertStoresEntries(backend);
			}
			assertThat(history("flyway_schema_history")).isEqualTo(applicationHistory);
			assertThat(this.jdbc.queryForList("SELECT item FROM app_orders", String.class)).containsExactly("tea");
			assertThat(application.validateWithResult().validationSuccessful).isTrue();
			assertThat(application.info().pending()).isEmpty();
			assertThat(versions("memoize_schema_history")).containsExactly("0", "1");
		}

		@Test
		void anEmptySchemaGetsTheTableAndAHistoryOfItsOwnOnly() {
			try (JdbcBackend backend = backend(JdbcOptions.defaults())) {
				assertStoresEntries(backend);
			}
			assertThat(versions("memoize_schema_history")).containsExactly("1");
			assertThatThrownBy(() -> history("flyway_schema_history")).isInstanceOf(DataAccessException.class)
				.hasMessageContaining("flyway_schema_history");
		}

		@Test
		void theApplicationCanStartUsingFlywayAfterTheCacheCreatedItsTableWhenItBaselines() {
			backend(JdbcOptions.defaults()).close();
			Flyway application = Flyway.configure()
				.dataSource(this.dataSource)
				.locations(APP_MIGRATIONS)
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load();
			application.migrate();
			assertThat(versions("flyway_schema_history")).containsExactly("0", "1", "2");
			assertThat(versions("memoize_schema_history")).containsExactly("1");
		}

		@Test
		void aStartAfterTheFirstAppliesNothingAgain() {
			backend(JdbcOptions.defaults()).close();
			List<Map<String, Object>> history = history("memoize_schema_history");
			try (JdbcBackend backend = backend(JdbcOptions.defaults())) {
				assertStoresEntries(backend);
			}
			assertThat(history("memoize_schema_history")).isEqualTo(history);
		}

		@Test
		void anotherTableKeepsItsOwnHistoryBesideTheDefaultTable() {
			backend(JdbcOptions.defaults()).close();
			try (JdbcBackend backend = backend(JdbcOptions.defaults().withTable("llm_cache"))) {
				assertStoresEntries(backend);
			}
			assertThat(versions("llm_cache_schema_history")).containsExactly("0", "1");
			assertThat(versions("memoize_schema_history")).containsExactly("1");
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM llm_cache", Long.class)).isOne();
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM memoize_entries", Long.class)).isZero();
		}

	}

}
