package dev.memoize.backend.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.CacheBackendContract;

/**
 * Runs the backend contract against the {@code jdbc} backend on SQLite, PostgreSQL and
 * MariaDB, each in a table of its own that is dropped afterwards. A reopened backend is a
 * second backend over the same table, as a restarted application would create.
 */
class JdbcBackendContractTests {

	@Nested
	class Sqlite extends JdbcContract {

		@TempDir
		static Path directory;

		static TestDatabase database;

		@BeforeAll
		static void open() {
			database = TestDatabase.sqlite(directory);
		}

		@AfterAll
		static void drop() {
			database.close();
		}

		@Override
		TestDatabase database() {
			return database;
		}

	}

	@Nested
	class Postgres extends JdbcContract {

		static TestDatabase database;

		@BeforeAll
		static void open() {
			database = TestDatabase.postgres();
		}

		@AfterAll
		static void drop() {
			database.close();
		}

		@Override
		TestDatabase database() {
			return database;
		}

	}

	@Nested
	class MariaDb extends JdbcContract {

		static TestDatabase database;

		@BeforeAll
		static void open() {
			database = TestDatabase.mariadb();
		}

		@AfterAll
		static void drop() {
			database.close();
		}

		@Override
		TestDatabase database() {
			return database;
		}

	}

	abstract static class JdbcContract extends CacheBackendContract {

		private final List<CacheBackend> reopened = new ArrayList<>();

		abstract TestDatabase database();

		@Override
		protected CacheBackend createBackend(BackendContext context) {
			JdbcBackend backend = JdbcBackend.create(database().dataSource(), database().options(), context);
			backend.clear(EntryFilter.ALL);
			return backend;
		}

		@Override
		protected CacheBackend reopen() {
			CacheBackend other = JdbcBackend.create(database().dataSource(), database().options(), context());
			this.reopened.add(other);
			return other;
		}

		@AfterEach
		void closeReopened() {
			this.reopened.forEach(CacheBackend::close);
		}

	}

}
