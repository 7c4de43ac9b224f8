package dev.memoize.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.StringUtils;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.jdbc.JdbcBackend;
import dev.memoize.backend.jdbc.JdbcDialect;
import dev.memoize.backend.jdbc.JdbcOptions;
import dev.memoize.backend.jdbc.JdbcPools;

/**
 * Creates {@code jdbc} backends from {@code memoize.caches.<name>.jdbc.*}. The database
 * of a cache is, in this order: its own {@code url}, through a HikariCP pool closed with
 * the cache; the application's {@link DataSource} bean (the primary one if there are
 * several); a SQLite file {@code .memoize/<cache name>.db}, whose directory is created.
 */
public class JdbcBackendFactory implements CacheBackendFactory {

	private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

	private final ObjectProvider<DataSource> dataSources;

	private final Path defaultDirectory;

	/**
	 * Creates a factory whose default SQLite files are in {@code .memoize}.
	 * @param dataSources the application's data sources, possibly none
	 */
	public JdbcBackendFactory(ObjectProvider<DataSource> dataSources) {
		this(dataSources, Path.of(".memoize"));
	}

	/**
	 * Creates a factory.
	 * @param dataSources the application's data sources, possibly none
	 * @param defaultDirectory the directory of the SQLite file of a cache that has no url
	 * and no application data source to use
	 */
	public JdbcBackendFactory(ObjectProvider<DataSource> dataSources, Path defaultDirectory) {
		this.dataSources = dataSources;
		this.defaultDirectory = defaultDirectory;
	}

	@Override
	public String type() {
		return "jdbc";
	}

	@Override
	public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context) {
		MemoizeProperties.Jdbc jdbc = properties.getJdbc();
		String cache = context.cacheName();
		JdbcOptions options = options(cache, jdbc);
		if (StringUtils.hasText(jdbc.getUrl())) {
			return ownDatabase(cache, jdbc.getUrl().trim(), jdbc, options, context);
		}
		if (StringUtils.hasText(jdbc.getUsername())) {
			throw PropertyErrors.invalid(cache, "jdbc.username", jdbc.getUsername(),
					"applies only to the cache's own database: set memoize.caches." + cache + ".jdbc.url too");
		}
		if (StringUtils.hasText(jdbc.getPassword())) {
			throw PropertyErrors.invalid(cache, "jdbc.password", "******",
					"applies only to the cache's own database: set memoize.caches." + cache + ".jdbc.url too");
		}
		DataSource application = applicationDataSource(cache);
		if (application != null) {
			return applicationDatabase(cache, application, options, context);
		}
		return ownDatabase(cache, defaultUrl(cache), jdbc, options, context);
	}

	private static JdbcOptions options(String cache, MemoizeProperties.Jdbc jdbc) {
		JdbcOptions options = JdbcOptions.defaults();
		options = option(cache, "jdbc.table", jdbc.getTable(), options::withTable);
		options = option(cache, "jdbc.max-entries", jdbc.getMaxEntries(), options::withMaxEntries);
		Duration purgeInterval = jdbc.getPurgeInterval();
		if (purgeInterval == null) {
			throw PropertyErrors.invalid(cache, "jdbc.purge-interval", null, "must be set");
		}
		options = option(cache, "jdbc.purge-interval", purgeInterval, options::withPurgeInterval);
		Duration timeout = jdbc.getTimeout();
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw PropertyErrors.invalid(cache, "jdbc.timeout", timeout, "must be positive");
		}
		return options.withTimeout(timeout);
	}

	private static <T> JdbcOptions option(String cache, String property, T value, Function<T, JdbcOptions> apply) {
		try {
			return apply.apply(value);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw PropertyErrors.invalid(cache, property, value, ex.getMessage());
		}
	}

	private DataSource applicationDataSource(String cache) {
		DataSource unique = this.dataSources.getIfUnique();
		if (unique == null && this.dataSources.stream().findAny().isPresent()) {
			throw PropertyErrors.invalid(cache, "jdbc.url", null,
					"is not set and the application has several DataSource beans, none of them primary; "
							+ "set the url or mark one DataSource @Primary");
		}
		return unique;
	}

	private static CacheBackend applicationDatabase(String cache, DataSource dataSource, JdbcOptions options,
			BackendContext context) {
		try {
			return JdbcBackend.create(dataSource, options, context);
		}
		catch (IllegalArgumentException ex) {
			throw PropertyErrors.invalid(cache, "jdbc.url", null,
					"is not set, so the application's DataSource would be used, but: " + ex.getMessage()
							+ ". Set the url of a database the cache can use");
		}
	}

	private static CacheBackend ownDatabase(String cache, String url, MemoizeProperties.Jdbc jdbc, JdbcOptions options,
			BackendContext context) {
		JdbcDialect dialect = JdbcDialect.forUrl(url)
			.orElseThrow(() -> PropertyErrors.invalid(cache, "jdbc.url", url,
					"must be the JDBC URL of a supported database: " + JdbcDialect.supported()));
		try {
			DriverManager.getDriver(url);
		}
		catch (SQLException ex) {
			throw PropertyErrors.invalid(cache, "jdbc.url", url, "no JDBC driver for " + dialect.displayName()
					+ " is on the class path; add " + dialect.driverArtifact());
		}
		if (jdbc.getMaximumPoolSize() < JdbcPools.MIN_POOL_SIZE) {
			throw PropertyErrors.invalid(cache, "jdbc.maximum-pool-size", jdbc.getMaximumPoolSize(),
					"must be at least " + JdbcPools.MIN_POOL_SIZE + ": Flyway holds two connections while it migrates");
		}
		HikariDataSource pool;
		try {
			pool = JdbcPools.open(url, jdbc.getUsername(), jdbc.getPassword(), jdbc.getMaximumPoolSize(), cache,
					options.timeout());
		}
		catch (RuntimeException ex) {
			throw PropertyErrors.invalid(cache, "jdbc.url", url, "cannot connect: " + ex.getMessage());
		}
		return JdbcBackend.createOwning(pool, options, context);
	}

	private String defaultUrl(String cache) {
		if (!FILE_NAME.matcher(cache).matches()) {
			throw PropertyErrors.invalid(cache, "jdbc.url", null,
					"is not set and the cache name cannot be a file name for the default SQLite database; set the url");
		}
		try {
			Files.createDirectories(this.defaultDirectory);
		}
		catch (IOException ex) {
			throw PropertyErrors.invalid(cache, "jdbc.url", null,
					"is not set and the directory of the default SQLite database cannot be created: " + ex);
		}
		return "jdbc:sqlite:" + this.defaultDirectory.resolve(cache + ".db");
	}

}
