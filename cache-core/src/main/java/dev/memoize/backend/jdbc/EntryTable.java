package dev.memoize.backend.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;

/**
 * The SQL of one cache's rows in the entries table: every statement is limited to the
 * rows whose {@code cache_name} is the cache's, so caches sharing a table never see each
 * other's entries. Throws Spring's {@link org.springframework.dao.DataAccessException}s;
 * {@link JdbcBackend} turns them into the backend contract's outcomes. Thread-safe.
 */
final class EntryTable {

	private static final EntryRows ROWS = new EntryRows();

	private static final int BATCH = 500;

	private final String table;

	private final String cacheName;

	private final JdbcDialect dialect;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final TransactionTemplate transactions;

	private final String upsert;

	private final String selectOne;

	/**
	 * Creates the SQL of one cache.
	 * @param dataSource the database, not bound to callers' transactions
	 * @param dialect its dialect
	 * @param table the entries table
	 * @param cacheName the cache
	 * @param timeoutSeconds the query timeout of every statement, in seconds
	 */
	EntryTable(DataSource dataSource, JdbcDialect dialect, String table, String cacheName, int timeoutSeconds) {
		this.table = table;
		this.cacheName = cacheName;
		this.dialect = dialect;
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setQueryTimeout(timeoutSeconds);
		this.named = new NamedParameterJdbcTemplate(this.jdbc);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		this.upsert = dialect.upsert(table);
		this.selectOne = "SELECT " + EntryRows.COLUMNS + " FROM " + table
				+ " WHERE cache_name = ? AND entry_key = ? AND (expires_at IS NULL OR expires_at > ?)";
	}

	/**
	 * Reads one live entry by its primary key: the statement of every hit, prepared from
	 * text built once and bound by position.
	 * @param key the key
	 * @param now epoch milliseconds that decide expiry
	 * @param unreadable told the key of an unreadable row and what is wrong with it; the
	 * row is deleted and read as a miss
	 * @return the entry, or {@code null} when there is none, it has expired or it is
	 * unreadable
	 */
	CacheEntry find(String key, long now, BiConsumer<String, String> unreadable) {
		Readable rows = new Readable();
		List<CacheEntry> found = this.jdbc.query(this.selectOne, rows, this.cacheName, key, now);
		rows.dropDamaged(unreadable);
		return (found.isEmpty() || found.get(0) == null) ? null : found.get(0);
	}

	/**
	 * Reads the live entries among the keys, with one query per
	 * {@link JdbcDialect#keysPerQuery()} keys. A row that cannot be read (its inputs or
	 * metadata are not the JSON Memoize writes) is left out, deleted, and told to the
	 * listener, so one damaged row never fails the read of the others.
	 * @param keys the keys
	 * @param now epoch milliseconds that decide expiry
	 * @param unreadable told the key of each unreadable row and what is wrong with it
	 * @return the entries found, in no particular order
	 */
	List<CacheEntry> findAll(List<String> keys, long now, BiConsumer<String, String> unreadable) {
		List<CacheEntry> found = new ArrayList<>();
		Readable rows = new Readable();
		int chunk = this.dialect.keysPerQuery();
		for (int from = 0; from < keys.size(); from += chunk) {
			List<String> part = keys.subList(from, Math.min(keys.size(), from + chunk));
			MapSqlParameterSource parameters = cacheParameters().addValue("keys", part).addValue("now", now);
			found.addAll(this.named.query("SELECT " + EntryRows.COLUMNS + " FROM " + this.table
					+ " WHERE cache_name = :cache AND entry_key IN (:keys) AND " + live(), parameters, rows));
		}
		found.removeIf(Objects::isNull);
		rows.dropDamaged(unreadable);
		return found;
	}

	/**
	 * Maps rows to entries, remembering instead of throwing for a row that cannot be read
	 * (mapped to {@code null}), so that the caller can delete it afterwards.
	 */
	private final class Readable implements RowMapper<CacheEntry> {

		private final List<String[]> damaged = new ArrayList<>();

		@Override
		public CacheEntry mapRow(ResultSet rs, int rowNum) throws SQLException {
			try {
				return ROWS.mapRow(rs, rowNum);
			}
			catch (RuntimeException ex) {
				this.damaged.add(new String[] { rs.getString("entry_key"), ex.getMessage() });
				return null;
			}
		}

		void dropDamaged(BiConsumer<String, String> unreadable) {
			for (String[] row : this.damaged) {
				delete(row[0]);
				unreadable.accept(row[0], row[1]);
			}
		}

	}

	/**
	 * Inserts or replaces entries, in one transaction and one batch when there are many.
	 * @param entries the entries
	 * @param stamps the source of their write order
	 */
	void upsert(List<CacheEntry> entries, LongSupplier stamps) {
		if (entries.size() == 1) {
			CacheEntry entry = entries.get(0);
			long stamp = stamps.getAsLong();
			this.jdbc.update(this.upsert, (statement) -> EntryRows.bindUpsert(statement, this.cacheName, entry, stamp));
			return;
		}
		this.transactions.executeWithoutResult((status) -> this.jdbc.batchUpdate(this.upsert, entries, BATCH,
				(statement, entry) -> EntryRows.bindUpsert(statement, this.cacheName, entry, stamps.getAsLong())));
	}

	/**
	 * Deletes one entry.
	 * @param key the key
	 * @return how many rows were deleted, 0 or 1
	 */
	int delete(String key) {
		return this.jdbc.update("DELETE FROM " + this.table + " WHERE cache_name = ? AND entry_key = ?", this.cacheName,
				key);
	}

	/**
	 * Whether {@link #deleteWhere} and {@link #page} select exactly what the filter
	 * selects, so no row needs checking in Java.
	 * @param filter the filter
	 * @return {@code true} when SQL alone decides
	 */
	static boolean selectsExactly(EntryFilter filter) {
		return filter.annotations().isEmpty() && (filter.keyPrefix() == null || upperBound(filter.keyPrefix()) != null);
	}

	/**
	 * Deletes the rows a filter selects, expired or not.
	 * @param filter a filter that {@link #selectsExactly selects exactly}
	 * @return how many rows were deleted
	 */
	long deleteWhere(EntryFilter filter) {
		MapSqlParameterSource parameters = cacheParameters();
		String where = where(filter, null, parameters);
		return this.named.update("DELETE FROM " + this.table + " WHERE " + where, parameters);
	}

	/**
	 * Reads live entries after a key, in key order, that meet the func and key-prefix
	 * criteria of the filter (annotations are left to the caller). Where the prefix has
	 * no upper bound the rows run past the prefix range: the caller stops at the first
	 * key outside it.
	 * @param filter the filter
	 * @param after the key the page starts after, or {@code null} for the first page
	 * @param limit the most rows
	 * @param now epoch milliseconds that decide expiry
	 * @return the entries
	 */
	List<CacheEntry> page(EntryFilter filter, String after, int limit, long now) {
		MapSqlParameterSource parameters = cacheParameters().addValue("now", now).addValue("limit", limit);
		String sql = "SELECT " + EntryRows.COLUMNS + " FROM " + this.table + " WHERE "
				+ where(filter, after, parameters) + " AND " + live() + " ORDER BY entry_key LIMIT :limit";
		return this.named.query(sql, parameters, ROWS);
	}

	/**
	 * Reads the key, func and metadata of rows after a key, in key order, that meet the
	 * func and key-prefix criteria of the filter, expired or not: enough to test the
	 * filter without reading values.
	 * @param filter the filter
	 * @param after the key the page starts after, or {@code null}
	 * @param limit the most rows
	 * @return the rows as entries without inputs or values
	 */
	List<CacheEntry> outlines(EntryFilter filter, String after, int limit) {
		MapSqlParameterSource parameters = cacheParameters().addValue("limit", limit);
		String sql = "SELECT entry_key, func, metadata FROM " + this.table + " WHERE "
				+ where(filter, after, parameters) + " ORDER BY entry_key LIMIT :limit";
		return this.named.query(sql, parameters,
				(rs, row) -> CacheEntry.of(rs.getString("entry_key"),
						new String(rs.getBytes("func"), StandardCharsets.UTF_8), null, null, EntryRows.metadata(rs),
						Instant.EPOCH, null));
	}

	/**
	 * Deletes rows by key, in one transaction and one batch.
	 * @param keys the keys
	 * @return for each key, whether its row was deleted
	 */
	boolean[] deleteAll(List<String> keys) {
		return deleted(batch("DELETE FROM " + this.table + " WHERE cache_name = ? AND entry_key = ?", keys.size(),
				(statement, i) -> {
					statement.setString(1, this.cacheName);
					statement.setString(2, keys.get(i));
				}));
	}

	/**
	 * Counts the live entries.
	 * @param now epoch milliseconds that decide expiry
	 * @return the count
	 */
	long countLive(long now) {
		MapSqlParameterSource parameters = cacheParameters().addValue("now", now);
		Long count = this.named.queryForObject(
				"SELECT COUNT(*) FROM " + this.table + " WHERE cache_name = :cache AND " + live(), parameters,
				Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * Counts every row, expired or not.
	 * @return the count
	 */
	long countAll() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.table + " WHERE cache_name = ?",
				Long.class, this.cacheName);
		return (count != null) ? count : 0;
	}

	/**
	 * Reads the keys of expired rows, the earliest expired first.
	 * @param now epoch milliseconds that decide expiry
	 * @param limit the most keys
	 * @return the keys
	 */
	List<String> expiredKeys(long now, int limit) {
		return this.jdbc.queryForList(
				"SELECT entry_key FROM " + this.table
						+ " WHERE cache_name = ? AND expires_at <= ? ORDER BY expires_at LIMIT ?",
				String.class, this.cacheName, now, limit);
	}

	/**
	 * Deletes rows by key if they are still expired, in one transaction and one batch.
	 * @param keys the keys
	 * @param now epoch milliseconds that decide expiry
	 * @return for each key, whether its row was deleted
	 */
	boolean[] deleteExpired(List<String> keys, long now) {
		return deleted(
				batch("DELETE FROM " + this.table + " WHERE cache_name = ? AND entry_key = ? AND expires_at <= ?",
						keys.size(), (statement, i) -> {
							statement.setString(1, this.cacheName);
							statement.setString(2, keys.get(i));
							statement.setLong(3, now);
						}));
	}

	/**
	 * Reads the rows written longest ago.
	 * @param limit the most rows
	 * @return their keys and write stamps, the oldest first
	 */
	List<Written> oldest(int limit) {
		return this.jdbc.query(
				"SELECT entry_key, write_order FROM " + this.table
						+ " WHERE cache_name = ? ORDER BY write_order LIMIT ?",
				(rs, row) -> new Written(rs.getString(1), rs.getLong(2)), this.cacheName, limit);
	}

	/**
	 * Deletes rows that were not written again since they were read, in one transaction
	 * and one batch.
	 * @param rows the keys and write stamps
	 * @return for each row, whether it was deleted
	 */
	boolean[] deleteUnchanged(List<Written> rows) {
		return deleted(
				batch("DELETE FROM " + this.table + " WHERE cache_name = ? AND entry_key = ? AND write_order = ?",
						rows.size(), (statement, i) -> {
							statement.setString(1, this.cacheName);
							statement.setString(2, rows.get(i).key());
							statement.setLong(3, rows.get(i).writeOrder());
						}));
	}

	private int[] batch(String sql, int size, IndexedSetter setter) {
		if (size == 0) {
			return new int[0];
		}
		return this.transactions.execute((status) -> this.jdbc.batchUpdate(sql, new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement statement, int i) throws SQLException {
				setter.set(statement, i);
			}

			@Override
			public int getBatchSize() {
				return size;
			}

		}));
	}

	/**
	 * Reads batch update counts; a driver that reports success without a count (as
	 * MariaDB's bulk protocol may) is taken to have deleted the row.
	 */
	private static boolean[] deleted(int[] counts) {
		boolean[] deleted = new boolean[counts.length];
		for (int i = 0; i < counts.length; i++) {
			deleted[i] = counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO;
		}
		return deleted;
	}

	private MapSqlParameterSource cacheParameters() {
		return new MapSqlParameterSource("cache", this.cacheName);
	}

	private String where(EntryFilter filter, String after, MapSqlParameterSource parameters) {
		StringBuilder where = new StringBuilder("cache_name = :cache");
		if (after != null) {
			where.append(" AND entry_key > :after");
			parameters.addValue("after", after);
		}
		if (filter.func() != null) {
			where.append(" AND func = :func");
			parameters.addValue("func", EntryRows.funcBytes(filter.func()));
		}
		if (filter.keyPrefix() != null) {
			where.append(" AND entry_key >= :prefix");
			parameters.addValue("prefix", filter.keyPrefix());
			String upper = upperBound(filter.keyPrefix());
			if (upper != null) {
				where.append(" AND entry_key < :upper");
				parameters.addValue("upper", upper);
			}
		}
		return where.toString();
	}

	private static String live() {
		return "(expires_at IS NULL OR expires_at > :now)";
	}

	/**
	 * The least string above every string that starts with the prefix, in the code-point
	 * order the key columns sort by: the prefix with its last character raised by one.
	 * @param prefix the prefix
	 * @return the bound, or {@code null} when the last character cannot simply be raised
	 * (a surrogate, or one next to the surrogate range)
	 */
	static String upperBound(String prefix) {
		char last = prefix.charAt(prefix.length() - 1);
		if (last >= Character.MIN_SURROGATE - 1) {
			return null;
		}
		return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
	}

	/**
	 * A row's key and write stamp.
	 *
	 * @param key the key
	 * @param writeOrder the write stamp
	 */
	record Written(String key, long writeOrder) {

	}

	@FunctionalInterface
	private interface IndexedSetter {

		void set(PreparedStatement statement, int index) throws SQLException;

	}

}
