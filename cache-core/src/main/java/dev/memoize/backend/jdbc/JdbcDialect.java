package dev.memoize.backend.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * What differs between the databases the {@code jdbc} backend supports: how a URL and a
 * connection are recognized, the folder of the schema migrations (column types and their
 * limits live there), the upsert statement, the bind-variable limit, and the connection
 * settings of a pool the backend owns. Immutable and thread-safe.
 */
public enum JdbcDialect {

	/**
	 * SQLite 3.24 or later (upsert): a file on the local disk. An own pool opens it in
	 * write-ahead-log mode, waits for locks instead of failing, and begins transactions
	 * as writers.
	 */
	SQLITE("SQLite", "sqlite", "org.xerial:sqlite-jdbc", null, 32_766,
			Map.of("journal_mode", "WAL", "synchronous", "NORMAL", "busy_timeout", "30000", "transaction_mode",
					"IMMEDIATE"),
			"jdbc:sqlite:"),

	/**
	 * PostgreSQL 9.5 or later (upsert).
	 */
	POSTGRESQL("PostgreSQL", "postgresql", "org.postgresql:postgresql", "org.flywaydb:flyway-database-postgresql",
			32_767, Map.of(), "jdbc:postgresql:"),

	/**
	 * MySQL 5.7 or later and MariaDB 10.3 or later. A value can be as large as the
	 * server's {@code max_allowed_packet} allows. An own pool prepares statements on the
	 * server, so that values travel as raw bytes: the text protocol escapes them, which
	 * doubles the size of values full of zero bytes (Java serialization).
	 */
	MYSQL("MySQL or MariaDB", "mysql", "com.mysql:mysql-connector-j or org.mariadb.jdbc:mariadb-java-client",
			"org.flywaydb:flyway-mysql", 65_535, Map.of("useServerPrepStmts", "true"), "jdbc:mysql:", "jdbc:mariadb:");

	private static final String MIGRATIONS = "classpath:dev/memoize/backend/jdbc/migration/";

	private static final String UPDATED_COLUMNS = "func, inputs, output_format, output_bytes, expected_format, "
			+ "expected_bytes, annotated, metadata, created_at, expires_at, write_order";

	private final String displayName;

	private final String migrationFolder;

	private final String driverArtifact;

	private final String flywayArtifact;

	private final int maxBindVariables;

	private final Map<String, String> ownPoolProperties;

	private final String[] urlPrefixes;

	JdbcDialect(String displayName, String migrationFolder, String driverArtifact, String flywayArtifact,
			int maxBindVariables, Map<String, String> ownPoolProperties, String... urlPrefixes) {
		this.displayName = displayName;
		this.migrationFolder = migrationFolder;
		this.driverArtifact = driverArtifact;
		this.flywayArtifact = flywayArtifact;
		this.maxBindVariables = maxBindVariables;
		this.ownPoolProperties = ownPoolProperties;
		this.urlPrefixes = urlPrefixes;
	}

	/**
	 * The dialect of a JDBC URL.
	 * @param url the URL, possibly {@code null}
	 * @return the dialect, or empty when no supported database uses such URLs
	 */
	public static Optional<JdbcDialect> forUrl(String url) {
		if (url == null) {
			return Optional.empty();
		}
		return Arrays.stream(values())
			.filter((dialect) -> Arrays.stream(dialect.urlPrefixes).anyMatch(url::startsWith))
			.findFirst();
	}

	/**
	 * The dialect of the database a data source connects to, told by its product name.
	 * @param dataSource the data source
	 * @return the dialect
	 * @throws IllegalArgumentException if the database is not one the backend supports
	 * @throws SQLException if no connection can be had
	 */
	static JdbcDialect of(DataSource dataSource) throws SQLException {
		String product;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName();
		}
		return forProductName(product).orElseThrow(() -> new IllegalArgumentException("The database is " + product
				+ ", which the jdbc backend does not support; it supports " + supported()));
	}

	/**
	 * The dialect of a database product name as JDBC metadata reports it.
	 * @param product the product name
	 * @return the dialect, or empty for other databases
	 */
	static Optional<JdbcDialect> forProductName(String product) {
		return switch ((product != null) ? product : "") {
			case "SQLite" -> Optional.of(SQLITE);
			case "PostgreSQL" -> Optional.of(POSTGRESQL);
			case "MySQL", "MariaDB" -> Optional.of(MYSQL);
			default -> Optional.empty();
		};
	}

	/**
	 * The supported databases and their URL prefixes, for error messages.
	 * @return a readable list
	 */
	public static String supported() {
		return "SQLite (jdbc:sqlite:), PostgreSQL (jdbc:postgresql:) and MySQL or MariaDB (jdbc:mysql:, jdbc:mariadb:)";
	}

	/**
	 * The database's name for people.
	 * @return the name
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * The Maven coordinates of a JDBC driver for this database, for error messages.
	 * @return the coordinates
	 */
	public String driverArtifact() {
		return this.driverArtifact;
	}

	/**
	 * The Maven coordinates of the Flyway module that supports this database, for error
	 * messages.
	 * @return the coordinates, or {@code null} when flyway-core supports it on its own
	 */
	public String flywayArtifact() {
		return this.flywayArtifact;
	}

	/**
	 * Connection properties of a pool the backend opens on its own URL.
	 * @return the properties, possibly empty
	 */
	public Map<String, String> ownPoolProperties() {
		return this.ownPoolProperties;
	}

	/**
	 * The driver properties that bound the waits of an own pool's connections: how long
	 * opening a connection and reading an answer may take (PostgreSQL in whole seconds,
	 * rounded up; MySQL and MariaDB in milliseconds), how long SQLite waits for a lock.
	 * @param timeout the longest wait
	 * @return the properties, which replace those of {@link #ownPoolProperties()}
	 */
	Map<String, String> timeoutProperties(Duration timeout) {
		String millis = Long.toString(Math.max(1, timeout.toMillis()));
		String seconds = Integer.toString(JdbcOptions.wholeSeconds(timeout));
		return switch (this) {
			case SQLITE -> Map.of("busy_timeout", millis);
			// cancelSignalTimeout: how long a timed-out statement waits for its cancel
			// request (10 seconds by default)
			case POSTGRESQL -> Map.of("connectTimeout", seconds, "socketTimeout", seconds, "loginTimeout", seconds,
					"cancelSignalTimeout", seconds);
			case MYSQL -> Map.of("connectTimeout", millis, "socketTimeout", millis);
		};
	}

	/**
	 * The Flyway location of this database's schema migrations.
	 * @return the location
	 */
	String migrationLocation() {
		return MIGRATIONS + this.migrationFolder;
	}

	/**
	 * The most keys one {@code IN} list may hold, leaving room for the other bind
	 * variables of the statement.
	 * @return the chunk size of bulk reads
	 */
	int keysPerQuery() {
		return Math.min(1000, this.maxBindVariables - 2);
	}

	/**
	 * The statement that inserts an entry or replaces the one with the same cache name
	 * and key. Its bind variables are, in order: cache_name, entry_key, func, inputs,
	 * output_format, output_bytes, expected_format, expected_bytes, annotated, metadata,
	 * created_at, expires_at and write_order.
	 * @param table the table
	 * @return the SQL
	 */
	String upsert(String table) {
		String insert = "INSERT INTO " + table + " (cache_name, entry_key, " + UPDATED_COLUMNS
				+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
		StringBuilder sql = new StringBuilder(insert);
		if (this == MYSQL) {
			sql.append(" ON DUPLICATE KEY UPDATE ");
			appendAssignments(sql, "VALUES(", ")");
		}
		else {
			sql.append(" ON CONFLICT (cache_name, entry_key) DO UPDATE SET ");
			appendAssignments(sql, "excluded.", "");
		}
		return sql.toString();
	}

	private static void appendAssignments(StringBuilder sql, String before, String after) {
		String[] columns = UPDATED_COLUMNS.split(", ");
		for (int i = 0; i < columns.length; i++) {
			sql.append((i > 0) ? ", " : "")
				.append(columns[i])
				.append(" = ")
				.append(before)
				.append(columns[i])
				.append(after);
		}
	}

}
