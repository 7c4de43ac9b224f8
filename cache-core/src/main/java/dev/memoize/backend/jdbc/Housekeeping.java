package dev.memoize.backend.jdbc;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.memoize.backend.BackendException;

/**
 * Deletes the rows a cache no longer keeps: expired rows, every purge interval on one
 * daemon thread, and the rows written longest ago beyond the entry limit, after writes.
 * Each deleted key is told to the eviction listener. Thread-safe.
 */
final class Housekeeping implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Housekeeping.class);

	private static final int BATCH = 1000;

	private final EntryTable table;

	private final String cacheName;

	private final JdbcOptions options;

	private final Clock clock;

	private final Consumer<String> evictionListener;

	private final ScheduledExecutorService scheduler;

	private final long trimEvery;

	private final AtomicLong writesSinceTrim = new AtomicLong();

	private final AtomicBoolean trimming = new AtomicBoolean();

	private final AtomicBoolean purgeFailing = new AtomicBoolean();

	/**
	 * Starts the purge thread, named {@code memoize-jdbc-<cache name>}.
	 * @param table the cache's rows
	 * @param cacheName the cache
	 * @param options the entry limit and purge interval
	 * @param clock the clock that decides expiry
	 * @param evictionListener told each deleted key
	 */
	Housekeeping(EntryTable table, String cacheName, JdbcOptions options, Clock clock,
			Consumer<String> evictionListener) {
		this.table = table;
		this.cacheName = cacheName;
		this.options = options;
		this.clock = clock;
		this.evictionListener = evictionListener;
		this.trimEvery = Math.max(1, Math.min(BATCH, options.maxEntries() / 100));
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "memoize-jdbc-" + cacheName);
			thread.setDaemon(true);
			return thread;
		});
		long interval = options.purgeInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::purgeInBackground, interval, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Counts written entries and evicts beyond the limit when due: after every write for
	 * limits below 200, after every hundredth of the limit (at most a thousand) writes
	 * for larger ones, so that counting rows stays cheap and a table holds at most about
	 * 1% more rows than the limit for a moment. A failure is logged and tried again after
	 * the next write: the entries are written.
	 * @param written how many entries were just written
	 */
	void written(int written) {
		if (this.options.maxEntries() <= 0 || this.writesSinceTrim.addAndGet(written) < this.trimEvery) {
			return;
		}
		this.writesSinceTrim.set(0);
		try {
			evictBeyondLimit();
		}
		catch (BackendException ex) {
			logger.debug("Cache '{}' cannot evict entries beyond max-entries: {}", this.cacheName, ex.getMessage());
			this.writesSinceTrim.set(this.trimEvery);
		}
	}

	/**
	 * Deletes the rows that have expired by the clock.
	 * @return how many rows were deleted
	 * @throws BackendException if the database fails
	 */
	long purgeExpired() {
		return run("purge expired entries", () -> {
			long now = this.clock.millis();
			long purged = 0;
			List<String> keys;
			do {
				keys = this.table.expiredKeys(now, BATCH);
				purged += evicted(keys, this.table.deleteExpired(keys, now));
			}
			while (keys.size() == BATCH);
			return purged;
		});
	}

	/**
	 * Deletes the rows written longest ago until at most {@link JdbcOptions#maxEntries()}
	 * remain. A row written again since it was read is kept. Does nothing without a limit
	 * or while another thread is at it.
	 * @return how many rows were deleted
	 * @throws BackendException if the database fails
	 */
	long evictBeyondLimit() {
		if (this.options.maxEntries() <= 0 || !this.trimming.compareAndSet(false, true)) {
			return 0;
		}
		try {
			return run("evict entries beyond max-entries", () -> {
				long excess = this.table.countAll() - this.options.maxEntries();
				long evicted = 0;
				while (excess > 0) {
					List<EntryTable.Written> oldest = this.table.oldest((int) Math.min(excess, BATCH));
					if (oldest.isEmpty()) {
						break;
					}
					long deleted = evicted(oldest.stream().map(EntryTable.Written::key).toList(),
							this.table.deleteUnchanged(oldest));
					evicted += deleted;
					excess = (deleted > 0) ? excess - deleted : this.table.countAll() - this.options.maxEntries();
				}
				return evicted;
			});
		}
		finally {
			this.trimming.set(false);
		}
	}

	private long evicted(List<String> keys, boolean[] deleted) {
		long count = 0;
		for (int i = 0; i < deleted.length; i++) {
			if (deleted[i]) {
				count++;
				this.evictionListener.accept(keys.get(i));
			}
		}
		return count;
	}

	/**
	 * Purges on the purge thread, logging the first failure of a run of failures and the
	 * recovery, not every attempt.
	 */
	private void purgeInBackground() {
		try {
			long purged = purgeExpired();
			if (this.purgeFailing.compareAndSet(true, false)) {
				logger.info("Cache '{}' purges expired entries again", this.cacheName);
			}
			logger.debug("Cache '{}' purged {} expired entries", this.cacheName, purged);
		}
		catch (RuntimeException ex) {
			if (this.purgeFailing.compareAndSet(false, true)) {
				logger.warn("Cache '{}' cannot purge expired entries, will try again every {}: {}", this.cacheName,
						this.options.purgeInterval(), ex.getMessage());
			}
		}
	}

	private long run(String operation, LongSupplier work) {
		try {
			return work.getAsLong();
		}
		catch (RuntimeException ex) {
			throw new BackendException("Cache '" + this.cacheName + "' failed to " + operation + " in table "
					+ this.options.table() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Stops the purge thread, waiting up to ten seconds for a purge under way.
	 */
	@Override
	public void close() {
		this.scheduler.shutdownNow();
		try {
			if (!this.scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
				logger.warn("Cache '{}' purge thread did not stop within 10 seconds", this.cacheName);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
