package dev.memoize.autoconfigure.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.memoize.MemoCacheManager;
import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.backend.jdbc.JdbcPools;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soaks every backend for {@code memoize.soak.seconds} (system property, default
 * {@value #DEFAULT_SECONDS}) with {@value Soak#THREADS} threads calling real
 * {@code @Memoize} methods through the auto-configuration: no exception reaches a caller,
 * no wrong value is served, no write is lost unless an eviction or a clear removed it,
 * and a key is computed once however many threads call it while nothing evicts it.
 * Bounded caches are small enough to evict all the time. Each soak prints its figures.
 * Tagged {@code soak}: {@code -DexcludedGroups=soak} leaves the soak out of a build.
 */
@Tag("soak")
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CacheSoakTests {

	static final long DEFAULT_SECONDS = 40;

	private static final String PREFIX = uniqueName("memoize-soak-") + ":";

	private static final String POSTGRES_TABLE = uniqueName("memoize_soak_");

	private static final String MARIADB_TABLE = uniqueName("memoize_soak_");

	/** About how many entries each bounded cache holds. */
	private static final int CAPACITY = 1000;

	/**
	 * About how many entries the bounded file cache holds: fewer, as its writes are
	 * slower.
	 */
	private static final int SMALL_CAPACITY = 200;

	private final SoakLedger ledger = new SoakLedger();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withBean(SoakService.class, SoakService::new)
		.withBean(SoakLedger.class, () -> this.ledger);

	@TempDir
	Path directory;

	@AfterAll
	static void dropTables() {
		drop(TestServers.postgresUrl(), POSTGRES_TABLE);
		drop(TestServers.mysqlUrl(), MARIADB_TABLE);
	}

	@Test
	void tinyLfuMemoryCacheLosesNoWriteAndComputesEachKeyOnceUnderLoad() throws Exception {
		soak("memory tinylfu", Evicting.CACHE, CAPACITY, memory(SoakService.SOAK, "tinylfu", CAPACITY),
				memory(SoakService.ONCE, "tinylfu", 0));
	}

	@Test
	void lruMemoryCacheLosesNoWriteAndComputesEachKeyOnceUnderLoad() throws Exception {
		soak("memory lru", Evicting.CACHE, CAPACITY, memory(SoakService.SOAK, "lru", CAPACITY),
				memory(SoakService.ONCE, "lru", 0));
	}

	@Test
	void diskCacheLosesNoWriteAndComputesEachKeyOnceUnderLoad() throws Exception {
		soak("disk", Evicting.CACHE, CAPACITY, disk(SoakService.SOAK, "400KB"), disk(SoakService.ONCE, "1GB"));
	}

	@Test
	void fileCacheLosesNoWriteAndComputesEachKeyOnceUnderLoad() throws Exception {
		soak("file", Evicting.CACHE, SMALL_CAPACITY, file(SoakService.SOAK, SMALL_CAPACITY), file(SoakService.ONCE, 0));
	}

	@Test
	void sqliteCacheLosesNoWriteAndComputesEachKeyOnceUnderLoad() throws Exception {
		soak("jdbc sqlite", Evicting.CACHE, CAPACITY, sqlite(SoakService.SOAK, CAPACITY), sqlite(SoakService.ONCE, 0));
	}

	@Test
	void postgresCacheLosesNoWriteAndComputesEachKeyOnceUnderLoad() throws Exception {
		String url = TestServers.postgresUrl();
		soak("jdbc postgresql", Evicting.CACHE, CAPACITY, jdbc(SoakService.SOAK, url, POSTGRES_TABLE, CAPACITY),
				jdbc(SoakService.ONCE, url, POSTGRES_TABLE + "_once", 0));
	}

	@Test
	void mariadbCacheLosesNoWriteAndComputesEachKeyOnceUnderLoad() throws Exception {
		String url = TestServers.mysqlUrl();
		soak("jdbc mariadb", Evicting.CACHE, CAPACITY, jdbc(SoakService.SOAK, url, MARIADB_TABLE, CAPACITY),
				jdbc(SoakService.ONCE, url, MARIADB_TABLE + "_once", 0));
	}

	@Test
	void redisCacheLosesNoWriteAndComputesEachKeyOnceUnderLoad() throws Exception {
		soak("redis", Evicting.NOTHING, CAPACITY, redis(SoakService.SOAK, PREFIX + "redis:"),
				redis(SoakService.ONCE, PREFIX + "once:"));
	}

	@Test
	void memoryOverRedisLayeredCacheLosesNoWriteAndComputesEachKeyOnceUnderLoad() throws Exception {
		List<String> properties = new ArrayList<>();
		properties.addAll(memory(SoakService.SOAK_LOCAL, "tinylfu", CAPACITY / 2));
		properties.addAll(redis(SoakService.SOAK_SHARED, PREFIX + "layered:"));
		properties.addAll(layered(SoakService.SOAK, SoakService.SOAK_LOCAL, SoakService.SOAK_SHARED));
		properties.addAll(memory("once-local", "tinylfu", 0));
		properties.addAll(redis("once-shared", PREFIX + "layered-once:"));
		properties.addAll(layered(SoakService.ONCE, "once-local", "once-shared"));
		soak("layered memory/redis", Evicting.UPPER_LAYER, CAPACITY, properties);
	}

	@SafeVarargs
	private void soak(String backend, Evicting evicting, int capacity, List<String>... properties) throws Exception {
		Duration duration = Duration.ofSeconds(Long.getLong("memoize.soak.seconds", DEFAULT_SECONDS));
		String[] values = Arrays.stream(properties).flatMap(List::stream).toArray(String[]::new);
		this.runner.withPropertyValues(values).run((context) -> {
			assertThat(context).hasNotFailed();
			MemoCacheManager caches = context.getBean(MemoCacheManager.class);
			try {
				SoakReport report = new Soak(context.getBean(SoakService.class), caches, this.ledger, capacity)
					.run(backend, duration);
				System.out.println(report.line());
				assertThat(report.failures()).as("failures").isEmpty();
				assertThat(report.lost()).as("entries lost").isZero();
				assertThat(report.checked()).as("entries checked").isPositive();
				assertThat(report.onceKeys()).as("keys of the unbounded cache").isPositive();
				assertThat(report.onceComputations()).as("computations of those keys").isEqualTo(report.onceKeys());
				assertThat(report.hits()).as("hits").isPositive();
				assertThat(report.misses()).as("misses").isPositive();
				assertThat(report.clears()).as("clears").isPositive();
				assertThat(caches.cache(SoakService.SOAK).stats().errors()).as("errors").isZero();
				assertThat(caches.cache(SoakService.ONCE).stats().errors()).as("errors").isZero();
				if (evicting != Evicting.NOTHING) {
					assertThat(report.evictions()).as("evictions").isPositive();
				}
				if (evicting == Evicting.CACHE) {
					assertThat(report.rewritten())
						.as("entries checked although evicted once in the phase without clears")
						.isPositive();
				}
			}
			finally {
				caches.cache(SoakService.SOAK).clear();
				caches.cache(SoakService.ONCE).clear();
			}
		});
	}

	private static List<String> memory(String cache, String eviction, int maxEntries) {
		return List.of(type(cache, "memory"), property(cache, "memory.eviction", eviction),
				property(cache, "memory.max-entries", (maxEntries > 0) ? maxEntries : 10_000_000));
	}

	private List<String> disk(String cache, String sizeLimit) {
		return List.of(type(cache, "disk"), property(cache, "disk.directory", this.directory.resolve(cache)),
				property(cache, "disk.size-limit", sizeLimit));
	}

	private List<String> file(String cache, int maxFiles) {
		return List.of(type(cache, "file"), property(cache, "file.directory", this.directory.resolve(cache)),
				property(cache, "file.max-files", (maxFiles > 0) ? maxFiles : 10_000_000));
	}

	private List<String> sqlite(String cache, int maxEntries) {
		return jdbc(cache, "jdbc:sqlite:" + this.directory.resolve(cache + ".db"), "memoize_entries", maxEntries);
	}

	private static List<String> jdbc(String cache, String url, String table, int maxEntries) {
		return List.of(type(cache, "jdbc"), property(cache, "jdbc.url", url), property(cache, "jdbc.table", table),
				property(cache, "jdbc.max-entries", maxEntries));
	}

	private static List<String> redis(String cache, String keyPrefix) {
		return List.of(type(cache, "redis"), property(cache, "redis.url", TestServers.redisUrl()),
				property(cache, "redis.key-prefix", keyPrefix));
	}

	private static List<String> layered(String cache, String upper, String lower) {
		return List.of(type(cache, "layered"), property(cache, "layered.layers", upper + "," + lower));
	}

	private static String type(String cache, String type) {
		return property(cache, "type", type);
	}

	private static String property(String cache, String name, Object value) {
		return "memoize.caches." + cache + "." + name + "=" + value;
	}

	private static void drop(String url, String table) {
		try (HikariDataSource pool = JdbcPools.open(url, null, null, 2, "cleanup")) {
			JdbcTemplate jdbc = new JdbcTemplate(pool);
			for (String name : List.of(table, table + "_once")) {
				jdbc.execute("DROP TABLE IF EXISTS " + name);
				jdbc.execute("DROP TABLE IF EXISTS " + name + "_schema_history");
			}
		}
	}

	private static String uniqueName(String prefix) {
		byte[] random = new byte[6];
		ThreadLocalRandom.current().nextBytes(random);
		return prefix + HexFormat.of().formatHex(random);
	}

	/**
	 * What a soaked cache evicts.
	 */
	private enum Evicting {

		/** Nothing: the cache has no bound. */
		NOTHING,

		/** Its upper layer evicts; the lower one keeps everything. */
		UPPER_LAYER,

		/** The cache itself. */
		CACHE

	}

}
