package dev.memoize.backend.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Opens the HikariCP pool of a cache that has its own database URL.
 */
public final class JdbcPools {

	/**
	 * The smallest pool: Flyway holds two connections at once while it migrates the table
	 * of a PostgreSQL or MySQL database.
	 */
	public static final int MIN_POOL_SIZE = 2;

	private JdbcPools() {
	}

	/** HikariCP's shortest connection and validation timeout, in milliseconds. */
	private static final long MIN_HIKARI_TIMEOUT_MILLIS = 250;

	/**
	 * Opens a pool whose waits are bounded by {@link JdbcOptions#DEFAULT_TIMEOUT}, as
	 * {@link #open(String, String, String, int, String, Duration)} does.
	 * @param url the JDBC URL of a supported database
	 * @param username the login user, or {@code null}
	 * @param password the login password, or {@code null}
	 * @param maximumPoolSize the most connections, at least {@value #MIN_POOL_SIZE}
	 * @param cacheName the cache the pool serves, part of the pool's name
	 * @return the open pool, with one connection established
	 * @throws IllegalArgumentException if the URL is not one of a supported database or
	 * the pool size is too small
	 * @throws RuntimeException as HikariCP throws it when no connection can be made
	 */
	public static HikariDataSource open(String url, String username, String password, int maximumPoolSize,
			String cacheName) {
		return open(url, username, password, maximumPoolSize, cacheName, JdbcOptions.DEFAULT_TIMEOUT);
	}

	/**
	 * Opens a pool, with the {@link JdbcDialect#ownPoolProperties() connection settings}
	 * of the URL's database, that waits at most {@code timeout} for a database that does
	 * not answer: it is HikariCP's connection and validation timeout (at least 250 ms,
	 * HikariCP's minimum) and the driver's connect and socket read timeout (in whole
	 * seconds, rounded up, for PostgreSQL; SQLite's busy timeout). The directory of a
	 * SQLite file is created if need be. The caller closes it, or hands it to
	 * {@link JdbcBackend#createOwning} which does.
	 * @param url the JDBC URL of a supported database
	 * @param username the login user, or {@code null}
	 * @param password the login password, or {@code null}
	 * @param maximumPoolSize the most connections, at least {@value #MIN_POOL_SIZE}
	 * @param cacheName the cache the pool serves, part of the pool's name
	 * @param timeout the longest wait for a connection or an answer, positive
	 * @return the open pool, with one connection established
	 * @throws IllegalArgumentException if the URL is not one of a supported database, the
	 * pool size is too small or the timeout not positive
	 * @throws RuntimeException as HikariCP throws it when no connection can be made
	 */
	public static HikariDataSource open(String url, String username, String password, int maximumPoolSize,
			String cacheName, Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		JdbcDialect dialect = JdbcDialect.forUrl(url)
			.orElseThrow(() -> new IllegalArgumentException(
					"'" + url + "' is not the URL of a supported database; supported are " + JdbcDialect.supported()));
		if (maximumPoolSize < MIN_POOL_SIZE) {
			throw new IllegalArgumentException("maximumPoolSize must be at least " + MIN_POOL_SIZE
					+ " (Flyway holds two connections while it migrates), was " + maximumPoolSize);
		}
		if (dialect == JdbcDialect.SQLITE) {
			createDirectoryOf(url);
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(username);
		config.setPassword(password);
		config.setMaximumPoolSize(maximumPoolSize);
		config.setMinimumIdle(Math.min(2, maximumPoolSize));
		config.setPoolName("memoize-" + cacheName);
		long timeoutMillis = Math.max(MIN_HIKARI_TIMEOUT_MILLIS, timeout.toMillis());
		config.setConnectionTimeout(timeoutMillis);
		config.setValidationTimeout(timeoutMillis);
		dialect.ownPoolProperties().forEach(config::addDataSourceProperty);
		dialect.timeoutProperties(timeout).forEach(config::addDataSourceProperty);
		return new HikariDataSource(config);
	}

	/**
	 * Creates the directory of a SQLite database file, which SQLite does not. URLs of an
	 * in-memory database or a {@code file:} URI are left as they are.
	 */
	private static void createDirectoryOf(String url) {
		String file = url.substring("jdbc:sqlite:".length());
		int options = file.indexOf('?');
		file = (options >= 0) ? file.substring(0, options) : file;
		if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:")) {
			return;
		}
		Path parent = Path.of(file).toAbsolutePath().getParent();
		try {
			Files.createDirectories(parent);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the directory " + parent + " of SQLite database " + file, ex);
		}
	}

}
