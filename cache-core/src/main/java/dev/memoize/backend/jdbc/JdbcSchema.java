package dev.memoize.backend.jdbc;

import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import dev.memoize.backend.BackendException;

/**
 * Creates and upgrades the entries table with Flyway, recording what it did in a history
 * table of its own ({@link JdbcOptions#historyTable()}), never in the application's
 * {@code flyway_schema_history}.
 *
 * <p>
 * A schema that already holds other tables (the application's) is baselined at version 0,
 * below the first migration, so the entries table is still created; the application's
 * tables and history are not touched.
 */
final class JdbcSchema {

	private JdbcSchema() {
	}

	/**
	 * Applies the migrations that are not applied yet.
	 * @param dataSource the database
	 * @param dialect its dialect
	 * @param options the table and its history table
	 * @param cacheName the cache, for error messages
	 * @throws BackendException if a migration fails
	 */
	static void migrate(DataSource dataSource, JdbcDialect dialect, JdbcOptions options, String cacheName) {
		try {
			Flyway.configure(JdbcSchema.class.getClassLoader())
				.dataSource(dataSource)
				.locations(dialect.migrationLocation())
				.table(options.historyTable())
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.baselineDescription("Memoize baseline of a schema with other tables")
				.placeholders(Map.of("table", options.table()))
				.load()
				.migrate();
		}
		catch (FlywayException ex) {
			String message = String.valueOf(ex.getMessage());
			boolean unsupported = message.contains("Unsupported Database") || message.contains("No database found");
			String hint = (unsupported && dialect.flywayArtifact() != null) ? " (Flyway needs "
					+ dialect.flywayArtifact() + " on the class path for " + dialect.displayName() + ")" : "";
			throw new BackendException("Cache '" + cacheName + "' cannot create or upgrade table " + options.table()
					+ hint + ": " + message, ex);
		}
	}

}
