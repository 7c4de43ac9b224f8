package dev.memoize.backend.jdbc;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link JdbcBackend} uses its database.
 *
 * @param table the table of the entries: lowercase letters, digits and underscores,
 * starting with a letter or underscore, at most {@value #MAX_TABLE_LENGTH} characters
 * (room for the names of its indexes and history table)
 * @param maxEntries the most entries the cache keeps, the oldest written are evicted
 * beyond it; 0 for no limit
 * @param purgeInterval how often expired rows are deleted in the background, positive
 * @param timeout longest wait for one statement, positive: the JDBC query timeout of
 * every statement, in whole seconds rounded up (see {@link #statementTimeoutSeconds()});
 * {@link JdbcPools#open(String, String, String, int, String, Duration) own pools} also
 * wait at most this long for a connection and for the database to answer
 */
public record JdbcOptions(String table, long maxEntries, Duration purgeInterval, Duration timeout) {

	/** The table used unless another is given. */
	public static final String DEFAULT_TABLE = "memoize_entries";

	/** The longest table name. */
	public static final int MAX_TABLE_LENGTH = 40;

	/** How often expired rows are purged unless told otherwise. */
	public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(5);

	/** The longest wait for one statement unless told otherwise. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

	private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0," + (MAX_TABLE_LENGTH - 1) + "}");

	/**
	 * Validates the options.
	 * @throws IllegalArgumentException if one is unusable, saying which
	 */
	public JdbcOptions {
		Objects.requireNonNull(table, "table");
		Objects.requireNonNull(purgeInterval, "purgeInterval");
		Objects.requireNonNull(timeout, "timeout");
		if (!TABLE.matcher(table).matches()) {
			throw new IllegalArgumentException("table '" + table
					+ "' must be lowercase letters, digits and underscores, starting with a letter or underscore, at most "
					+ MAX_TABLE_LENGTH + " characters");
		}
		if (maxEntries < 0) {
			throw new IllegalArgumentException("maxEntries must be 0 (no limit) or more, was " + maxEntries);
		}
		if (purgeInterval.isNegative() || purgeInterval.isZero()) {
			throw new IllegalArgumentException("purgeInterval must be positive, was " + purgeInterval);
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
	}

	/**
	 * The default options: table {@value #DEFAULT_TABLE}, no entry limit, purge every
	 * five minutes, statements time out after two seconds.
	 * @return the options
	 */
	public static JdbcOptions defaults() {
		return new JdbcOptions(DEFAULT_TABLE, 0, DEFAULT_PURGE_INTERVAL, DEFAULT_TIMEOUT);
	}

	/**
	 * These options with another table.
	 * @param table the table
	 * @return the new options
	 */
	public JdbcOptions withTable(String table) {
		return new JdbcOptions(table, this.maxEntries, this.purgeInterval, this.timeout);
	}

	/**
	 * These options with another entry limit.
	 * @param maxEntries the limit, 0 for none
	 * @return the new options
	 */
	public JdbcOptions withMaxEntries(long maxEntries) {
		return new JdbcOptions(this.table, maxEntries, this.purgeInterval, this.timeout);
	}

	/**
	 * These options with another purge interval.
	 * @param purgeInterval the interval
	 * @return the new options
	 */
	public JdbcOptions withPurgeInterval(Duration purgeInterval) {
		return new JdbcOptions(this.table, this.maxEntries, purgeInterval, this.timeout);
	}

	/**
	 * These options with another timeout.
	 * @param timeout the longest wait for one statement
	 * @return the new options
	 */
	public JdbcOptions withTimeout(Duration timeout) {
		return new JdbcOptions(this.table, this.maxEntries, this.purgeInterval, timeout);
	}

	/**
	 * The {@link #timeout()} as a JDBC query timeout: whole seconds, rounded up.
	 * @return the seconds, at least 1
	 */
	public int statementTimeoutSeconds() {
		return wholeSeconds(this.timeout);
	}

	static int wholeSeconds(Duration duration) {
		long millis = duration.toMillis();
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (millis + 999) / 1000));
	}

	/**
	 * The Flyway history table of the entries table: {@code memoize_schema_history} for
	 * the default table, {@code
	 *
	<table>
	 * _schema_history} for another, so that tables in one schema migrate on their own.
	 * @return the history table
	 */
	public String historyTable() {
		return DEFAULT_TABLE.equals(this.table) ? "memoize_schema_history" : this.table + "_schema_history";
	}

}
