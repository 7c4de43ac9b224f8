package dev.memoize.backend.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.HealthCheckedBackend;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * The {@code jdbc} backend: a cache's entries as rows of one table in SQLite, PostgreSQL
 * or MySQL/MariaDB, through Spring's {@code JdbcTemplate}. Several caches may share a
 * table: each sees only the rows of its own name.
 *
 * <ul>
 * <li>The table is created by Flyway at construction, with a history table of its own
 * ({@link JdbcOptions#historyTable()}): the application's own migrations and history are
 * never touched.</li>
 * <li>Writes are the database's upsert; {@link #putAll} writes one batch in one
 * transaction; {@link #getAll} reads with one query per thousand keys.</li>
 * <li>Expiry is decided by the context's clock: an expired row is never returned, and
 * expired rows are deleted every {@link JdbcOptions#purgeInterval()} on one daemon
 * thread.</li>
 * <li>With {@link JdbcOptions#maxEntries()}, the rows written longest ago are deleted
 * beyond the limit: checked after every write for small limits, after every hundredth of
 * the limit (at most a thousand) writes for large ones, so a table may briefly hold up to
 * 1% more rows.</li>
 * <li>Every statement has the query timeout {@link JdbcOptions#timeout()}; a write that
 * times out is not tried again.</li>
 * <li>The backend never joins a transaction of its caller: its writes commit on their
 * own, and its faults cannot abort the caller's transaction.</li>
 * </ul>
 *
 * <p>
 * Keeps encoded values only ({@link #storesLiveObjects()} is {@code false}). Reads answer
 * store faults as {@link Lookup#failure}; writes, removals, scans and counts throw
 * {@link BackendException} naming the cache. {@link #ping()} checks a connection of the
 * data source. Thread-safe.
 */
public final class JdbcBackend implements CacheBackend, HealthCheckedBackend {

	private static final Logger logger = LoggerFactory.getLogger(JdbcBackend.class);

	private static final int BATCH = 1000;

	private static final int WRITE_ATTEMPTS = 3;

	private final String cacheName;

	private final JdbcOptions options;

	private final Clock clock;

	private final DataSource dataSource;

	private final EntryTable table;

	private final WriteStamps stamps;

	private final Housekeeping housekeeping;

	private final AutoCloseable ownedDataSource;

	private final AtomicBoolean closed = new AtomicBoolean();

	private final BiConsumer<String, String> corruptionListener;

	private JdbcBackend(DataSource dataSource, JdbcOptions options, BackendContext context,
			AutoCloseable ownedDataSource) {
		this.cacheName = context.cacheName();
		this.options = options;
		this.clock = context.clock();
		this.corruptionListener = context.corruptionListener();
		this.ownedDataSource = ownedDataSource;
		JdbcDialect dialect = dialect(dataSource);
		JdbcSchema.migrate(dataSource, dialect, options, this.cacheName);
		this.dataSource = dataSource;
		// a data source of its own, so that a transaction the caller has bound to the
		// application's data source is never joined
		DataSource detached = new DelegatingDataSource(dataSource);
		this.table = new EntryTable(detached, dialect, options.table(), this.cacheName,
				options.statementTimeoutSeconds());
		this.stamps = new WriteStamps(this.clock);
		this.housekeeping = new Housekeeping(this.table, this.cacheName, options, this.clock,
				context.evictionListener());
	}

	private JdbcDialect dialect(DataSource dataSource) {
		try {
			return JdbcDialect.of(dataSource);
		}
		catch (SQLException ex) {
			throw new BackendException(
					"Cache '" + this.cacheName + "' cannot connect to its database to recognize it: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Creates a backend over a data source it does not own: {@link #close()} leaves it
	 * open. Creates or upgrades the table first.
	 * @param dataSource the database, for example the application's
	 * @param options the table, entry limit and purge interval
	 * @param context the cache name, clock and eviction listener
	 * @return the backend
	 * @throws IllegalArgumentException if the database is not SQLite, PostgreSQL, MySQL
	 * or MariaDB
	 * @throws BackendException if the database cannot be reached or the table cannot be
	 * created
	 */
	public static JdbcBackend create(DataSource dataSource, JdbcOptions options, BackendContext context) {
		return new JdbcBackend(dataSource, options, context, null);
	}

	/**
	 * Creates a backend over a data source it owns, such as a pool from
	 * {@link JdbcPools#open}: {@link #close()} closes it, and so does a failure to create
	 * the backend.
	 * @param <D> the type of the data source
	 * @param dataSource the database
	 * @param options the table, entry limit and purge interval
	 * @param context the cache name, clock and eviction listener
	 * @return the backend
	 * @throws IllegalArgumentException if the database is not SQLite, PostgreSQL, MySQL
	 * or MariaDB
	 * @throws BackendException if the database cannot be reached or the table cannot be
	 * created
	 */
	public static <D extends DataSource & AutoCloseable> JdbcBackend createOwning(D dataSource, JdbcOptions options,
			BackendContext context) {
		try {
			return new JdbcBackend(dataSource, options, context, dataSource);
		}
		catch (RuntimeException ex) {
			closeQuietly(dataSource, ex);
			throw ex;
		}
	}

	@Override
	public boolean storesLiveObjects() {
		return false;
	}

	@Override
	public Lookup get(MemoKey key) {
		try {
			CacheEntry found = this.table.find(key.key(), now(), this::unreadable);
			return (found != null) ? Lookup.hit(found) : Lookup.miss();
		}
		catch (RuntimeException ex) {
			return Lookup.failure(ex);
		}
	}

	@Override
	public Map<String, Lookup> getAll(Collection<MemoKey> keys) {
		List<String> wanted = keys.stream().map(MemoKey::key).distinct().toList();
		Map<String, Lookup> result = new LinkedHashMap<>();
		try {
			Map<String, CacheEntry> found = new LinkedHashMap<>();
			for (CacheEntry entry : this.table.findAll(wanted, now(), this::unreadable)) {
				found.put(entry.key(), entry);
			}
			for (String key : wanted) {
				CacheEntry entry = found.get(key);
				result.put(key, (entry != null) ? Lookup.hit(entry) : Lookup.miss());
			}
		}
		catch (RuntimeException ex) {
			Lookup failure = Lookup.failure(ex);
			wanted.forEach((key) -> result.put(key, failure));
		}
		return result;
	}

	private void unreadable(String key, String problem) {
		logger.warn("Jdbc cache '{}' deleted the unreadable row of entry '{}': {}", this.cacheName, key, problem);
		this.corruptionListener.accept(key, problem);
	}

	@Override
	public void put(CacheEntry entry) {
		putAll(List.of(entry));
	}

	@Override
	public void putAll(List<CacheEntry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		write("write", () -> {
			this.table.upsert(entries, this.stamps::next);
			return null;
		});
		this.housekeeping.written(entries.size());
	}

	@Override
	public boolean remove(String key) {
		return write("remove", () -> this.table.delete(key)) > 0;
	}

	@Override
	public long clear(EntryFilter filter) {
		if (EntryTable.selectsExactly(filter)) {
			return write("clear", () -> this.table.deleteWhere(filter));
		}
		return write("clear", () -> {
			long removed = 0;
			String after = null;
			List<CacheEntry> rows;
			do {
				rows = this.table.outlines(filter, after, BATCH);
				List<String> selected = new ArrayList<>();
				for (CacheEntry row : rows) {
					if (beyondPrefix(filter, row)) {
						rows = List.of();
						break;
					}
					if (filter.matches(row)) {
						selected.add(row.key());
					}
					after = row.key();
				}
				for (boolean deleted : this.table.deleteAll(selected)) {
					removed += deleted ? 1 : 0;
				}
			}
			while (rows.size() == BATCH);
			return removed;
		});
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		return call("scan", () -> page(filter, cursor, limit));
	}

	/**
	 * Fills a page from rows read in key order, testing in Java what SQL could not
	 * (annotations, a prefix without upper bound). The next cursor is the last key of the
	 * page when another selected row may follow it.
	 */
	private EntryPage page(EntryFilter filter, String cursor, int limit) {
		long now = now();
		int fetch = Math.min(limit, BATCH) + 1;
		List<CacheEntry> page = new ArrayList<>();
		String after = cursor;
		while (true) {
			List<CacheEntry> rows = this.table.page(filter, after, fetch, now);
			for (CacheEntry row : rows) {
				if (beyondPrefix(filter, row)) {
					return new EntryPage(page, null);
				}
				if (filter.matches(row)) {
					if (page.size() == limit) {
						return new EntryPage(page, page.get(limit - 1).key());
					}
					page.add(row);
				}
			}
			if (rows.size() < fetch) {
				return new EntryPage(page, null);
			}
			if (page.size() == limit) {
				return new EntryPage(page, page.get(limit - 1).key());
			}
			after = rows.get(rows.size() - 1).key();
		}
	}

	private static boolean beyondPrefix(EntryFilter filter, CacheEntry row) {
		return filter.keyPrefix() != null && !row.key().startsWith(filter.keyPrefix());
	}

	@Override
	public long size() {
		return call("count", () -> this.table.countLive(now()));
	}

	/**
	 * Deletes the rows of this cache that have expired by the context's clock, telling
	 * the eviction listener each key. Runs every {@link JdbcOptions#purgeInterval()} on
	 * the backend's own thread.
	 * @return how many rows were deleted
	 * @throws BackendException if the database fails
	 */
	long purgeExpired() {
		return this.housekeeping.purgeExpired();
	}

	/**
	 * Deletes the rows of this cache written longest ago until at most
	 * {@link JdbcOptions#maxEntries()} remain, telling the eviction listener each key.
	 * Runs after writes.
	 * @return how many rows were deleted
	 * @throws BackendException if the database fails
	 */
	long evictBeyondLimit() {
		return this.housekeeping.evictBeyondLimit();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Takes a connection and asks the driver whether it is valid
	 * ({@link Connection#isValid}, a round trip to the database), waiting at most the
	 * {@link JdbcOptions#statementTimeoutSeconds() statement timeout} for the answer.
	 * Taking the connection waits as long as the data source's own connection timeout
	 * (HikariCP's {@code connectionTimeout}).
	 */
	@Override
	public void ping() {
		boolean valid;
		try (Connection connection = this.dataSource.getConnection()) {
			valid = connection.isValid(this.options.statementTimeoutSeconds());
		}
		catch (SQLException | RuntimeException ex) {
			throw new BackendException("Cache '" + this.cacheName + "' cannot reach its database: " + ex.getMessage(),
					ex);
		}
		if (!valid) {
			throw new BackendException(
					"Cache '" + this.cacheName + "' found no valid connection to its database within "
							+ this.options.statementTimeoutSeconds() + " seconds",
					null);
		}
	}

	/**
	 * Stops the purge thread and closes the data source if the backend owns it. Further
	 * calls do nothing.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.housekeeping.close();
		if (this.ownedDataSource != null) {
			closeQuietly(this.ownedDataSource, null);
		}
	}

	private static void closeQuietly(AutoCloseable resource, RuntimeException failure) {
		try {
			resource.close();
		}
		catch (Exception ex) {
			if (failure != null) {
				failure.addSuppressed(ex);
			}
			else {
				logger.warn("Cannot close the data source of a jdbc cache: {}", ex.getMessage());
			}
		}
	}

	private long now() {
		return this.clock.millis();
	}

	/**
	 * Runs a write, again after a transient failure such as a deadlock or a busy lock:
	 * writes are upserts and deletes, so running one twice does no harm.
	 */
	private <T> T write(String operation, Supplier<T> work) {
		for (int attempt = 1;; attempt++) {
			try {
				return work.get();
			}
			catch (QueryTimeoutException ex) {
				// the database did not answer within the timeout: another attempt would
				// make the caller wait as long again
				throw failure(operation, ex);
			}
			catch (TransientDataAccessException ex) {
				if (attempt == WRITE_ATTEMPTS) {
					throw failure(operation, ex);
				}
			}
			catch (RuntimeException ex) {
				throw failure(operation, ex);
			}
		}
	}

	private <T> T call(String operation, Supplier<T> work) {
		try {
			return work.get();
		}
		catch (RuntimeException ex) {
			throw failure(operation, ex);
		}
	}

	private BackendException failure(String operation, RuntimeException cause) {
		if (cause instanceof BackendException backendException) {
			return backendException;
		}
		return new BackendException("Cache '" + this.cacheName + "' failed to " + operation + " in table "
				+ this.options.table() + ": " + cause.getMessage(), cause);
	}

}
