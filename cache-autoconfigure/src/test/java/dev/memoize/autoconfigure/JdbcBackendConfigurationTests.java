package dev.memoize.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;
import dev.memoize.backend.jdbc.JdbcBackend;
import dev.memoize.backend.jdbc.JdbcPools;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code jdbc} cache type: its choice of database, entries that outlive a
 * restart on SQLite, PostgreSQL, MariaDB and the application's DataSource, the properties
 * that fail start-up, and applications without JDBC.
 */
class JdbcBackendConfigurationTests {

	private static final String POSTGRES_TABLE = uniqueName("memoize_boot_");

	private static final String MARIADB_TABLE = uniqueName("memoize_boot_");

	private static final String APPLICATION_TABLE = uniqueName("memoize_boot_");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withUserConfiguration(CountingService.Config.class);

	@TempDir
	Path directory;

	@AfterAll
	static void dropTables() {
		drop(TestServers.postgresUrl(), POSTGRES_TABLE, APPLICATION_TABLE);
		drop(TestServers.mysqlUrl(), MARIADB_TABLE);
	}

	private static void drop(String url, String... tables) {
		try (HikariDataSource pool = JdbcPools.open(url, null, null, 2, "cleanup")) {
			JdbcTemplate jdbc = new JdbcTemplate(pool);
			for (String table : tables) {
				jdbc.execute("DROP TABLE IF EXISTS " + table);
				jdbc.execute("DROP TABLE IF EXISTS " + table + "_schema_history");
			}
		}
	}

	private static String uniqueName(String prefix) {
		byte[] random = new byte[6];
		ThreadLocalRandom.current().nextBytes(random);
		return prefix + HexFormat.of().formatHex(random);
	}

	private static MemoCache cache(ApplicationContext context, String name) {
		return context.getBean(MemoCacheManager.class).cache(name);
	}

	private ApplicationContextRunner storeCache(String... properties) {
		return this.runner.withPropertyValues("memoize.default-cache=store", "memoize.caches.store.type=jdbc")
			.withPropertyValues(properties);
	}

	private void assertEntriesOutliveARestart(ApplicationContextRunner runner) {
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(((DefaultMemoCache) cache(context, "store")).backend()).isInstanceOf(JdbcBackend.class);
			cache(context, "store").clear();
			CountingService service = context.getBean(CountingService.class);
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.calls()).isOne();
		});
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			CountingService service = context.getBean(CountingService.class);
			assertThat(service.greet("ada")).isEqualTo("hello ada");
			assertThat(service.calls()).isZero();
			assertThat(cache(context, "store").entries(EntryFilter.ALL)).singleElement()
				.extracting(CacheEntry::inputs)
				.isEqualTo(Map.of("name", "ada"));
		});
	}

	@Test
	void sqliteEntriesOutliveARestart() {
		assertEntriesOutliveARestart(
				storeCache("memoize.caches.store.jdbc.url=jdbc:sqlite:" + this.directory.resolve("store.db")));
	}

	@Test
	void postgresEntriesOutliveARestart() {
		assertEntriesOutliveARestart(storeCache("memoize.caches.store.jdbc.url=" + TestServers.postgresUrl(),
				"memoize.caches.store.jdbc.table=" + POSTGRES_TABLE));
	}

	@Test
	void mariadbEntriesOutliveARestart() {
		assertEntriesOutliveARestart(storeCache("memoize.caches.store.jdbc.url=" + TestServers.mysqlUrl(),
				"memoize.caches.store.jdbc.table=" + MARIADB_TABLE));
	}

	@Test
	void entriesInTheApplicationsDataSourceOutliveARestart() {
		assertEntriesOutliveARestart(storeCache("memoize.caches.store.jdbc.table=" + APPLICATION_TABLE)
			.withBean(DataSource.class, () -> JdbcPools.open(TestServers.postgresUrl(), null, null, 4, "application")));
	}

	@Test
	void theApplicationsDataSourceIsLeftOpenWhenTheCacheCloses() {
		HikariDataSource application = JdbcPools.open("jdbc:sqlite:" + this.directory.resolve("app.db"), null, null, 2,
				"application");
		try (application) {
			storeCache()
				.withBean(DataSource.class, () -> application, (definition) -> definition.setDestroyMethodName(""))
				.run((context) -> assertThat(context).hasNotFailed());
			assertThat(application.isClosed()).isFalse();
		}
	}

	@Test
	void withoutUrlOrDataSourceTheCacheIsASqliteFileUnderDotMemoize() throws Exception {
		String cacheName = uniqueName("jdbc-default-");
		Path file = Path.of(".memoize", cacheName + ".db");
		try {
			this.runner
				.withPropertyValues("memoize.default-cache=" + cacheName, "memoize.caches." + cacheName + ".type=jdbc")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					context.getBean(CountingService.class).greet("ada");
					assertThat(cache(context, cacheName).size()).isOne();
					assertThat(file).isRegularFile();
				});
		}
		finally {
			for (String suffix : new String[] { "", "-wal", "-shm" }) {
				Files.deleteIfExists(Path.of(file + suffix));
			}
			try (Stream<Path> left = Files.list(file.getParent())) {
				if (left.findAny().isEmpty()) {
					Files.delete(file.getParent());
				}
			}
		}
	}

	@Test
	void theCachesWaitForTheApplicationsFlywayMigrations() {
		HikariDataSource application = JdbcPools.open("jdbc:sqlite:" + this.directory.resolve("app.db"), null, null, 2,
				"application");
		try (application) {
			this.runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
				.withBean(DataSource.class, () -> application, (definition) -> definition.setDestroyMethodName(""))
				.withPropertyValues("spring.flyway.locations=classpath:dev/memoize/autoconfigure/app-migration",
						"memoize.default-cache=store", "memoize.caches.store.type=jdbc")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(Flyway.class).info().pending()).isEmpty();
				});
			JdbcTemplate jdbc = new JdbcTemplate(application);
			assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history", String.class))
				.containsExactly("1");
			assertThat(jdbc.queryForList("SELECT version FROM memoize_schema_history ORDER BY installed_rank",
					String.class))
				.containsExactly("0", "1");
		}
	}

	@Test
	void unsupportedUrlFailsStartupNamingTheProperty() {
		storeCache("memoize.caches.store.jdbc.url=jdbc:h2:mem:store").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains("memoize.caches.store.jdbc.url")
				.contains("jdbc:h2:mem:store")
				.contains("SQLite");
		});
	}

	@Test
	void urlWithoutItsDriverFailsStartupNamingThePropertyAndTheDriver() {
		storeCache("memoize.caches.store.jdbc.url=jdbc:mysql://127.0.0.1:3306/test").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains("memoize.caches.store.jdbc.url")
				.contains("com.mysql:mysql-connector-j");
		});
	}

	@Test
	void unreachableDatabaseFailsStartupNamingTheProperty() {
		storeCache("memoize.caches.store.jdbc.url=jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.store.jdbc.url")
					.contains("cannot connect");
			});
	}

	@Test
	void badTableFailsStartupNamingTheProperty() {
		storeCache("memoize.caches.store.jdbc.url=jdbc:sqlite:" + this.directory.resolve("store.db"),
				"memoize.caches.store.jdbc.table=entries; drop table users")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.store.jdbc.table")
					.contains("lowercase letters");
			});
	}

	@Test
	void negativeMaxEntriesFailsStartupNamingTheProperty() {
		storeCache("memoize.caches.store.jdbc.max-entries=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure()))
				.contains("memoize.caches.store.jdbc.max-entries");
		});
	}

	@Test
	void zeroPurgeIntervalFailsStartupNamingTheProperty() {
		storeCache("memoize.caches.store.jdbc.purge-interval=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure()))
				.contains("memoize.caches.store.jdbc.purge-interval")
				.contains("positive");
		});
	}

	@Test
	void zeroTimeoutFailsStartupNamingTheProperty() {
		storeCache("memoize.caches.store.jdbc.timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure()))
				.contains("memoize.caches.store.jdbc.timeout")
				.contains("positive");
		});
	}

	@Test
	void poolOfOneConnectionFailsStartupNamingTheProperty() {
		storeCache("memoize.caches.store.jdbc.url=jdbc:sqlite:" + this.directory.resolve("store.db"),
				"memoize.caches.store.jdbc.maximum-pool-size=1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.store.jdbc.maximum-pool-size");
			});
	}

	@Test
	void usernameWithoutUrlFailsStartupNamingTheProperty() {
		storeCache("memoize.caches.store.jdbc.username=app").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure()))
				.contains("memoize.caches.store.jdbc.username")
				.contains("memoize.caches.store.jdbc.url");
		});
	}

	@Test
	void maxEntriesLimitsTheCache() {
		storeCache("memoize.caches.store.jdbc.url=jdbc:sqlite:" + this.directory.resolve("store.db"),
				"memoize.caches.store.jdbc.max-entries=2")
			.run((context) -> {
				MemoCache cache = cache(context, "store");
				for (int i = 0; i < 5; i++) {
					cache.put("f", Map.of("i", i), i);
				}
				assertThat(cache.size()).isEqualTo(2);
				assertThat(cache.stats().evictions()).isEqualTo(3);
			});
	}

	@Test
	void withoutSpringJdbcTheJdbcTypeIsAbsentAndTheApplicationStarts() {
		this.runner.withClassLoader(new FilteredClassLoader(JdbcTemplate.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(JdbcBackendFactory.class);
			assertThat(context.getBean(CountingService.class).greet("ada")).isEqualTo("hello ada");
		});
		storeCache().withClassLoader(new FilteredClassLoader(JdbcTemplate.class)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains("memoize.caches.store.type")
				.contains("no backend of this type")
				.contains("the jdbc backend needs org.springframework:spring-jdbc");
		});
	}

	@Test
	void withoutFlywayTheJdbcTypeIsAbsent() {
		this.runner.withClassLoader(new FilteredClassLoader(Flyway.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JdbcBackendFactory.class));
	}

}
