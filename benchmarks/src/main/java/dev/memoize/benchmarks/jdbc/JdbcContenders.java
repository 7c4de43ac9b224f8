package dev.memoize.benchmarks.jdbc;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.support.SimpleCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.memoize.MemoCacheManager;
import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.backend.jdbc.JdbcOptions;
import dev.memoize.benchmarks.remote.CacheableLookups;
import dev.memoize.benchmarks.remote.MemoizedLookups;
import dev.memoize.benchmarks.remote.Servers;

/**
 * The contenders of one run against the real PostgreSQL, in one Spring context started
 * the way an application starts: a {@code @Memoize} bean whose cache is of type
 * {@code jdbc} with its own url and a table unique to this instance, a {@code @Cacheable}
 * bean served by a {@link JdbcTemplateCache} over a table of its own, and the
 * application's HikariCP {@link DataSource} and {@link JdbcTemplate} for the floor.
 * {@link #clear()} empties both tables; {@link #close()} drops them (and Memoize's Flyway
 * history table). Not thread-safe; create and close it from one thread.
 */
final class JdbcContenders implements AutoCloseable {

	private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	/** Memoize's entries table. */
	final String memoizeTable = "memoize_bench_" + this.run;

	/** The table of the hand-written Spring cache. */
	final String springTable = "spring_cache_bench_" + this.run;

	private final ConfigurableApplicationContext context;

	final MemoizedLookups memoized;

	final CacheableLookups cacheable;

	/** The application's JdbcTemplate, on the same database. */
	final JdbcTemplate jdbc;

	JdbcContenders() {
		String url = Servers.postgresUrl();
		String cache = "memoize.caches." + MemoizedLookups.CACHE;
		this.context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", cache + ".type=jdbc",
					cache + ".jdbc.url=" + url, cache + ".jdbc.table=" + this.memoizeTable, "bench.jdbc.url=" + url,
					"bench.jdbc.spring-table=" + this.springTable)
			.run();
		this.memoized = this.context.getBean(MemoizedLookups.class);
		this.cacheable = this.context.getBean(CacheableLookups.class);
		this.jdbc = this.context.getBean(JdbcTemplate.class);
	}

	/**
	 * The keys of the rows Memoize wrote.
	 * @return the keys
	 */
	List<String> memoizeKeys() {
		return this.jdbc.queryForList("SELECT entry_key FROM " + this.memoizeTable + " WHERE cache_name = ?",
				String.class, MemoizedLookups.CACHE);
	}

	/**
	 * Deletes every row of both caches.
	 */
	void clear() {
		this.jdbc.update("DELETE FROM " + this.memoizeTable);
		this.jdbc.update("DELETE FROM " + this.springTable);
	}

	/**
	 * What the Memoize cache tells of itself.
	 * @return its statistics, as text
	 */
	String memoizeState() {
		return "Memoize cache " + this.context.getBean(MemoCacheManager.class).cache(MemoizedLookups.CACHE).stats();
	}

	@Override
	public void close() {
		try {
			this.jdbc.execute("DROP TABLE IF EXISTS " + this.springTable);
			this.jdbc.execute("DROP TABLE IF EXISTS " + this.memoizeTable);
			this.jdbc
				.execute("DROP TABLE IF EXISTS " + JdbcOptions.defaults().withTable(this.memoizeTable).historyTable());
		}
		finally {
			this.context.close();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@ImportAutoConfiguration(MemoizeAutoConfiguration.class)
	static class Config {

		@Bean
		MemoizedLookups memoizedLookups() {
			return new MemoizedLookups();
		}

		@Bean
		CacheableLookups cacheableLookups() {
			return new CacheableLookups();
		}

		@Bean
		HikariDataSource dataSource(@Value("${bench.jdbc.url}") String url) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(url);
			return dataSource;
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		CacheManager cacheManager(JdbcTemplate jdbc, @Value("${bench.jdbc.spring-table}") String table) {
			JdbcTemplateCache.createTable(jdbc, table);
			SimpleCacheManager manager = new SimpleCacheManager();
			manager.setCaches(List.of(new JdbcTemplateCache(CacheableLookups.CACHE, jdbc, table)));
			return manager;
		}

	}

}
