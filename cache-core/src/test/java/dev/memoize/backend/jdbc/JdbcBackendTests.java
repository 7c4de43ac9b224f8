package dev.memoize.backend.jdbc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;
import dev.memoize.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests of what the {@code jdbc} backend does beyond the backend contract, on each
 * database: upserts, bulk reads in one query, one transaction per batch, purging,
 * max-entries eviction, caches sharing a table, exact key comparison, and faults.
 */
class JdbcBackendTests {

	@Nested
	class Sqlite extends Behaviour {

		@TempDir
		static Path directory;

		static TestDatabase database;

		@BeforeAll
		static void open() {
			database = TestDatabase.sqlite(directory);
		}

		@AfterAll
		static void drop() {
			database.close();
		}

		@Override
		TestDatabase database() {
			return database;
		}

	}

	@Nested
	class Postgres extends Behaviour {

		static TestDatabase database;

		@BeforeAll
		static void open() {
			database = TestDatabase.postgres();
		}

		@AfterAll
		static void drop() {
			database.close();
		}

		@Test
		void writesInsideACallersTransactionCommitOnTheirOwn() {
			assertWritesCommitOnTheirOwnInsideACallersTransaction();
		}

		@Override
		TestDatabase database() {
			return database;
		}

	}

	@Nested
	class MariaDb extends Behaviour {

		static TestDatabase database;

		@BeforeAll
		static void open() {
			database = TestDatabase.mariadb();
		}

		@AfterAll
		static void drop() {
			database.close();
		}

		@Test
		void writesInsideACallersTransactionCommitOnTheirOwn() {
			assertWritesCommitOnTheirOwnInsideACallersTransaction();
		}

		@Override
		TestDatabase database() {
			return database;
		}

	}

	abstract static class Behaviour {

		final TestClock clock = new TestClock();

		final List<String> evicted = new CopyOnWriteArrayList<>();

		private final List<JdbcBackend> backends = new ArrayList<>();

		abstract TestDatabase database();

		@BeforeEach
		void emptyTable() {
			backend("setup", database().options()).close();
			database().deleteRows();
		}

		@AfterEach
		void closeBackends() {
			this.backends.forEach(JdbcBackend::close);
		}

		JdbcBackend backend(String cacheName, JdbcOptions options) {
			return backend(database().dataSource(), cacheName, options);
		}

		JdbcBackend backend(DataSource dataSource, String cacheName, JdbcOptions options) {
			JdbcBackend backend = JdbcBackend.create(dataSource, options,
					new BackendContext(cacheName, this.clock, this.evicted::add));
			this.backends.add(backend);
			return backend;
		}

		CacheEntry entry(String key, String output, Instant expiresAt) {
			return CacheEntry.of(key, "f", Map.of("arg", key),
					new EncodedValue(EncodedValue.JSON, ("\"" + output + "\"").getBytes(StandardCharsets.UTF_8)),
					Map.of(), this.clock.instant(), expiresAt);
		}

		CacheEntry entry(String key, String output) {
			return entry(key, output, null);
		}

		static Object output(Lookup lookup) {
			assertThat(lookup).isInstanceOf(Lookup.Hit.class);
			return ((Lookup.Hit) lookup).entry().output();
		}

		static MemoKey key(String key) {
			return new MemoKey(key, "f", Map.of());
		}

		/**
		 * Writes an entry inside a transaction of the caller on the same data source,
		 * then rolls that transaction back. (Not on SQLite, whose one writer would wait
		 * for the caller's transaction.)
		 */
		void assertWritesCommitOnTheirOwnInsideACallersTransaction() {
			JdbcBackend backend = backend("c", database().options());
			TransactionTemplate caller = new TransactionTemplate(
					new DataSourceTransactionManager(database().dataSource()));
			caller.executeWithoutResult((status) -> {
				new JdbcTemplate(database().dataSource()).queryForObject("SELECT 1", Integer.class);
				backend.put(entry("k", "v"));
				status.setRollbackOnly();
			});
			assertThat(backend.get(key("k"))).isInstanceOf(Lookup.Hit.class);
		}

		@Test
		void put_ofAKeyAgainKeepsOneRowWithTheNewValue() {
			JdbcBackend backend = backend("c", database().options());
			backend.put(entry("k1", "old"));
			backend.put(entry("k1", "new"));
			assertThat(database().rows("c")).isEqualTo(1);
			assertThat(output(backend.get(key("k1")))).isEqualTo(entry("k1", "new").output());
		}

		@Test
		void getAll_readsManyKeysWithOneStatement() {
			CountingDataSource counting = new CountingDataSource(database().dataSource());
			JdbcBackend backend = backend(counting, "c", database().options());
			backend.putAll(IntStream.range(0, 50).mapToObj((i) -> entry("k" + i, "v" + i)).toList());
			List<MemoKey> keys = IntStream.range(0, 60).mapToObj((i) -> key("k" + i)).toList();
			counting.reset();
			Map<String, Lookup> lookups = backend.getAll(keys);
			assertThat(counting.statements()).isEqualTo(1);
			assertThat(lookups).hasSize(60);
			assertThat(lookups.values().stream().filter(Lookup.Hit.class::isInstance)).hasSize(50);
		}

		@Test
		void getAll_ofMoreKeysThanOneQueryHoldsUsesOneStatementPerThousandKeys() {
			CountingDataSource counting = new CountingDataSource(database().dataSource());
			JdbcBackend backend = backend(counting, "c", database().options());
			backend.putAll(List.of(entry("k0", "v"), entry("k2499", "v")));
			counting.reset();
			Map<String, Lookup> lookups = backend
				.getAll(IntStream.range(0, 2500).mapToObj((i) -> key("k" + i)).toList());
			assertThat(counting.statements()).isEqualTo(3);
			assertThat(lookups.get("k0")).isInstanceOf(Lookup.Hit.class);
			assertThat(lookups.get("k2499")).isInstanceOf(Lookup.Hit.class);
			assertThat(lookups.get("k1")).isSameAs(Lookup.miss());
		}

		@Test
		void putAll_writesManyEntriesWithOneStatement() {
			CountingDataSource counting = new CountingDataSource(database().dataSource());
			JdbcBackend backend = backend(counting, "c", database().options());
			counting.reset();
			backend.putAll(IntStream.range(0, 200).mapToObj((i) -> entry("k" + i, "v")).toList());
			assertThat(counting.statements()).isEqualTo(1);
			assertThat(database().rows("c")).isEqualTo(200);
		}

		@Test
		void putAll_writesNothingWhenOneEntryOfTheBatchFails() {
			JdbcBackend backend = backend("c", database().options());
			List<CacheEntry> entries = new ArrayList<>(
					IntStream.range(0, 600).mapToObj((i) -> entry("k" + i, "v")).toList());
			entries.set(550, entries.get(550).withOutput("not encoded"));
			assertThatThrownBy(() -> backend.putAll(entries)).isInstanceOf(BackendException.class)
				.hasMessageContaining("Cache 'c'");
			assertThat(database().rows("c")).isZero();
		}

		@Test
		void purgeExpired_deletesTheRowsExpiredByTheClockAndReportsTheirKeys() {
			JdbcBackend backend = backend("c", database().options());
			Instant now = this.clock.instant();
			backend.put(entry("soon", "v", now.plus(Duration.ofMinutes(1))));
			backend.put(entry("later", "v", now.plus(Duration.ofHours(1))));
			backend.put(entry("never", "v", null));
			this.clock.advance(Duration.ofMinutes(1));
			assertThat(backend.purgeExpired()).isEqualTo(1);
			assertThat(database().rows("c")).isEqualTo(2);
			assertThat(this.evicted).containsExactly("soon");
			assertThat(backend.purgeExpired()).isZero();
		}

		@Test
		void purgeExpired_leavesOtherCachesOfTheTableAlone() {
			JdbcBackend mine = backend("mine", database().options());
			JdbcBackend theirs = backend("theirs", database().options());
			Instant soon = this.clock.instant().plus(Duration.ofMinutes(1));
			mine.put(entry("k", "v", soon));
			theirs.put(entry("k", "v", soon));
			this.clock.advance(Duration.ofMinutes(2));
			assertThat(mine.purgeExpired()).isEqualTo(1);
			assertThat(database().rows("theirs")).isEqualTo(1);
		}

		@Test
		void maxEntries_evictsTheEntriesWrittenLongestAgo() {
			JdbcBackend backend = backend("c", database().options().withMaxEntries(3));
			for (String key : List.of("a", "b", "c", "d")) {
				backend.put(entry(key, "v"));
			}
			backend.put(entry("b", "again"));
			backend.put(entry("e", "v"));
			assertThat(database().rows("c")).isEqualTo(3);
			assertThat(backend.get(key("a"))).isSameAs(Lookup.miss());
			assertThat(backend.get(key("c"))).isSameAs(Lookup.miss());
			assertThat(backend.get(key("b"))).isInstanceOf(Lookup.Hit.class);
			assertThat(backend.get(key("d"))).isInstanceOf(Lookup.Hit.class);
			assertThat(backend.get(key("e"))).isInstanceOf(Lookup.Hit.class);
			assertThat(this.evicted).containsExactly("a", "c");
		}

		@Test
		void maxEntries_evictsDownToTheLimitAfterABatch() {
			JdbcBackend backend = backend("c", database().options().withMaxEntries(10));
			backend.putAll(IntStream.range(0, 25).mapToObj((i) -> entry(String.format("k%02d", i), "v")).toList());
			assertThat(database().rows("c")).isEqualTo(10);
			EntryPage page = backend.scan(EntryFilter.ALL, null, 100);
			assertThat(page.entries()).map(CacheEntry::key)
				.containsExactlyElementsOf(IntStream.range(15, 25).mapToObj((i) -> String.format("k%02d", i)).toList());
		}

		@Test
		void evictBeyondLimit_ofALargeLimitRemovesTheOldestRowsItFindsBeyondIt() {
			JdbcBackend writer = backend("c", database().options());
			writer.putAll(IntStream.range(0, 1200).mapToObj((i) -> entry(String.format("k%04d", i), "v")).toList());
			JdbcBackend limited = backend("c", database().options().withMaxEntries(1000));
			assertThat(limited.evictBeyondLimit()).isEqualTo(200);
			assertThat(database().rows("c")).isEqualTo(1000);
			assertThat(limited.get(key("k0199"))).isSameAs(Lookup.miss());
			assertThat(limited.get(key("k0200"))).isInstanceOf(Lookup.Hit.class);
		}

		@Test
		void put_storesTenMebibytesOfZeroBytes() {
			JdbcBackend backend = backend("c", database().options());
			byte[] zeros = new byte[10 * 1024 * 1024];
			backend.put(entry("k", "v").withOutput(new EncodedValue(EncodedValue.JAVA, zeros)));
			assertThat(output(backend.get(key("k")))).isEqualTo(new EncodedValue(EncodedValue.JAVA, zeros));
		}

		@Test
		void cachesSharingATableNeverSeeEachOthersEntries() {
			JdbcBackend left = backend("left", database().options());
			JdbcBackend right = backend("right", database().options());
			left.put(entry("k1", "left"));
			right.put(entry("k1", "right"));
			right.put(entry("k2", "right"));
			assertThat(output(left.get(key("k1")))).isEqualTo(entry("k1", "left").output());
			assertThat(left.get(key("k2"))).isSameAs(Lookup.miss());
			assertThat(left.size()).isEqualTo(1);
			assertThat(left.scan(EntryFilter.ALL, null, 10).entries()).map(CacheEntry::key).containsExactly("k1");
			assertThat(left.clear(EntryFilter.ALL)).isEqualTo(1);
			assertThat(left.remove("k2")).isFalse();
			assertThat(right.size()).isEqualTo(2);
		}

		@Test
		void keysThatDifferOnlyInCaseOrTrailingSpacesAreDifferentEntries() {
			JdbcBackend backend = backend("c", database().options());
			backend.putAll(List.of(entry("key", "lower"), entry("KEY", "upper"), entry("key ", "spaced")));
			assertThat(database().rows("c")).isEqualTo(3);
			assertThat(output(backend.get(key("KEY")))).isEqualTo(entry("KEY", "upper").output());
			assertThat(output(backend.get(key("key ")))).isEqualTo(entry("key ", "spaced").output());
		}

		@Test
		void funcFilterComparesExactly() {
			JdbcBackend backend = backend("c", database().options());
			backend.put(entry("k1", "v").withOutput(null));
			CacheEntry upper = new CacheEntry("k2", "F", Map.of(), null, null, false, Map.of(), this.clock.instant(),
					null);
			CacheEntry spaced = new CacheEntry("k3", "f ", Map.of(), null, null, false, Map.of(), this.clock.instant(),
					null);
			backend.putAll(List.of(upper, spaced));
			assertThat(backend.scan(EntryFilter.byFunc("f"), null, 10).entries()).map(CacheEntry::key)
				.containsExactly("k1");
			assertThat(backend.clear(EntryFilter.byFunc("f"))).isEqualTo(1);
			assertThat(database().rows("c")).isEqualTo(2);
		}

		@Test
		void keyPrefixFilterTreatsLikeWildcardsAsPlainCharacters() {
			JdbcBackend backend = backend("c", database().options());
			backend.putAll(List.of(entry("a%1", "v"), entry("a_2", "v"), entry("ab3", "v"), entry("A%4", "v")));
			assertThat(backend.scan(EntryFilter.byKeyPrefix("a%"), null, 10).entries()).map(CacheEntry::key)
				.containsExactly("a%1");
			assertThat(backend.scan(EntryFilter.byKeyPrefix("a_"), null, 10).entries()).map(CacheEntry::key)
				.containsExactly("a_2");
			assertThat(backend.clear(EntryFilter.byKeyPrefix("a"))).isEqualTo(3);
			assertThat(database().rows("c")).isEqualTo(1);
		}

		@Test
		void keyPrefixEndingInACharacterWithoutUpperBoundIsFilteredExactly() {
			JdbcBackend backend = backend("c", database().options());
			String prefix = "p\uFFFF";
			backend.putAll(List.of(entry(prefix + "1", "v"), entry(prefix + "2", "v"), entry("q", "v")));
			assertThat(backend.scan(EntryFilter.byKeyPrefix(prefix), null, 1).entries()).map(CacheEntry::key)
				.containsExactly(prefix + "1");
			assertThat(backend.clear(EntryFilter.byKeyPrefix(prefix))).isEqualTo(2);
			assertThat(database().rows("c")).isEqualTo(1);
		}

		@Test
		void size_countsOnlyEntriesThatHaveNotExpired() {
			JdbcBackend backend = backend("c", database().options());
			backend.put(entry("soon", "v", this.clock.instant().plusSeconds(1)));
			backend.put(entry("never", "v"));
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(backend.size()).isEqualTo(1);
			assertThat(database().rows("c")).isEqualTo(2);
		}

		@Test
		void readsOfAnUnreachableDatabaseAreFailuresAndWritesThrowNamingTheCache() {
			HikariDataSource pool = JdbcPools.open(database().url(), null, null, 2, "doomed");
			JdbcBackend backend = backend(pool, "doomed", database().options());
			pool.close();
			assertThat(backend.get(key("k"))).isInstanceOf(Lookup.Failure.class);
			assertThat(backend.getAll(List.of(key("k1"), key("k2"))).values()).hasSize(2)
				.allMatch(Lookup.Failure.class::isInstance);
			assertThatThrownBy(() -> backend.put(entry("k", "v"))).isInstanceOf(BackendException.class)
				.hasMessageContaining("Cache 'doomed' failed to write");
			assertThatThrownBy(() -> backend.remove("k")).isInstanceOf(BackendException.class)
				.hasMessageContaining("Cache 'doomed'");
			assertThatThrownBy(() -> backend.scan(EntryFilter.ALL, null, 10)).isInstanceOf(BackendException.class)
				.hasMessageContaining("Cache 'doomed'");
			assertThatThrownBy(backend::size).isInstanceOf(BackendException.class)
				.hasMessageContaining("Cache 'doomed'");
		}

		@Test
		void close_closesAnOwnedPoolAndStopsThePurgeThread() throws Exception {
			HikariDataSource pool = JdbcPools.open(database().url(), null, null, 2, "owned");
			JdbcBackend backend = JdbcBackend.createOwning(pool, database().options(),
					new BackendContext("owned-cache", this.clock, this.evicted::add));
			assertThat(purgeThreadOf("owned-cache")).isTrue();
			backend.close();
			assertThat(pool.isClosed()).isTrue();
			assertThat(purgeThreadOf("owned-cache")).isFalse();
			backend.close();
		}

		@Test
		void close_leavesADataSourceItDoesNotOwnOpen() throws Exception {
			JdbcBackend backend = backend("c", database().options());
			backend.close();
			assertThat(database().isClosed()).isFalse();
		}

		@Test
		void purgeRunsInTheBackgroundEveryInterval() throws Exception {
			JdbcBackend backend = backend("c", database().options().withPurgeInterval(Duration.ofMillis(50)));
			backend.put(entry("soon", "v", this.clock.instant().plusSeconds(1)));
			this.clock.advance(Duration.ofSeconds(1));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			// the purge deletes the rows, then tells the listener
			while ((database().rows("c") > 0 || this.evicted.isEmpty()) && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(database().rows("c")).isZero();
			assertThat(this.evicted).containsExactly("soon");
		}

		private static boolean purgeThreadOf(String cacheName) {
			return Thread.getAllStackTraces()
				.keySet()
				.stream()
				.anyMatch((thread) -> thread.getName().equals("memoize-jdbc-" + cacheName) && thread.isAlive());
		}

	}

}
