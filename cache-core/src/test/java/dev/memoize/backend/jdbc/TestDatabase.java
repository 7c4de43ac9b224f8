package dev.memoize.backend.jdbc;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.memoize.testing.TestServers;

/**
 * A real database for one test class: a pool, and an entries table whose name no other
 * test class or concurrent build uses. Closing it drops the table and its history table
 * and closes the pool.
 */
final class TestDatabase implements AutoCloseable {

	private final HikariDataSource pool;

	private final JdbcOptions options;

	private TestDatabase(HikariDataSource pool) {
		this.pool = pool;
		this.options = JdbcOptions.defaults().withTable(uniqueName("memoize_test_"));
	}

	/**
	 * A SQLite database in a file of the directory.
	 * @param directory the directory
	 * @return the database
	 */
	static TestDatabase sqlite(Path directory) {
		return new TestDatabase(
				JdbcPools.open("jdbc:sqlite:" + directory.resolve("cache.db"), null, null, 8, "sqlite"));
	}

	/**
	 * The PostgreSQL server of {@link TestServers#postgresUrl()}.
	 * @return the database
	 */
	static TestDatabase postgres() {
		return new TestDatabase(JdbcPools.open(TestServers.postgresUrl(), null, null, 8, "postgres"));
	}

	/**
	 * The MySQL or MariaDB server of {@link TestServers#mysqlUrl()}.
	 * @return the database
	 */
	static TestDatabase mariadb() {
		return new TestDatabase(JdbcPools.open(TestServers.mysqlUrl(), null, null, 8, "mariadb"));
	}

	/**
	 * A name no one else uses: the prefix and random hexadecimal digits.
	 * @param prefix the prefix
	 * @return the name
	 */
	static String uniqueName(String prefix) {
		byte[] random = new byte[6];
		ThreadLocalRandom.current().nextBytes(random);
		return prefix + HexFormat.of().formatHex(random);
	}

	DataSource dataSource() {
		return this.pool;
	}

	String url() {
		return this.pool.getJdbcUrl();
	}

	boolean isClosed() {
		return this.pool.isClosed();
	}

	JdbcOptions options() {
		return this.options;
	}

	String table() {
		return this.options.table();
	}

	JdbcTemplate jdbc() {
		return new JdbcTemplate(this.pool);
	}

	/**
	 * Counts the rows of a cache, expired or not.
	 * @param cacheName the cache
	 * @return the row count
	 */
	long rows(String cacheName) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM " + table() + " WHERE cache_name = ?", Long.class,
				cacheName);
	}

	/**
	 * Deletes every row of the table, if it exists.
	 */
	void deleteRows() {
		jdbc().execute("DELETE FROM " + table());
	}

	@Override
	public void close() {
		try {
			jdbc().execute("DROP TABLE IF EXISTS " + table());
			jdbc().execute("DROP TABLE IF EXISTS " + this.options.historyTable());
		}
		finally {
			this.pool.close();
		}
	}

}
