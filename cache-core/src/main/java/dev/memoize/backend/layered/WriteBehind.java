package dev.memoize.backend.layered;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendException;

/**
 * The queue of a write-back layered cache: entries written to the top layer and not yet
 * to the layers below, and the daemon thread that writes them there in batches.
 *
 * <p>
 * The queue keeps one entry per key, the newest, so a key written many times between
 * flushes is written once. The thread flushes the whole queue every flush interval, or as
 * soon as it holds a batch. A batch is written with one {@code putAll} per lower layer,
 * the lowest first; a batch that fails goes back into the queue (behind newer writes of
 * the same keys, which win) and is tried again at the next interval. Closing stops the
 * thread and flushes what is left on the closing thread.
 *
 * <p>
 * Flushes run under a lock that removals and clears also take through {@link #exclusive},
 * so that a flush can never write back an entry removed while it was being written.
 * Thread-safe.
 */
final class WriteBehind implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(WriteBehind.class);

	private final String cacheName;

	private final List<Layer> targets;

	private final long intervalNanos;

	private final int batchSize;

	private final int maxPending;

	private final Consumer<List<String>> flushed;

	private final ReentrantLock flushLock = new ReentrantLock();

	private final Object monitor = new Object();

	private final LinkedHashMap<String, CacheEntry> pending = new LinkedHashMap<>();

	private final Thread flusher;

	private boolean closed;

	private boolean failing;

	/**
	 * Creates the queue; {@link #start()} starts its thread.
	 * @param cacheName the layered cache, for messages and the thread's name
	 * @param targets the layers below the top one, lowest first
	 * @param options the flush interval, batch size and most queued entries
	 * @param flushed told the keys of each batch once every target holds it
	 */
	WriteBehind(String cacheName, List<Layer> targets, LayeredOptions options, Consumer<List<String>> flushed) {
		this.cacheName = cacheName;
		this.targets = List.copyOf(targets);
		this.intervalNanos = options.flushInterval().toNanos();
		this.batchSize = options.batchSize();
		this.maxPending = options.maxPending();
		this.flushed = flushed;
		this.flusher = new Thread(this::run, "memoize-write-back-" + cacheName);
		this.flusher.setDaemon(true);
	}

	void start() {
		this.flusher.start();
	}

	/**
	 * Queues entries for the lower layers. After {@link #close()}, writes them to the
	 * lower layers at once instead.
	 * @param entries the entries, already in the top layer
	 * @throws BackendException if the queue is closed and a lower layer fails
	 */
	void addAll(List<CacheEntry> entries) {
		synchronized (this.monitor) {
			if (!this.closed) {
				for (CacheEntry entry : entries) {
					this.pending.remove(entry.key());
					this.pending.put(entry.key(), entry);
				}
				if (this.pending.size() >= this.batchSize) {
					this.monitor.notifyAll();
				}
				return;
			}
		}
		// no flush runs once closed, and taking the flush lock here, under the caller's
		// key locks, could deadlock with a removal
		write(entries);
	}

	/**
	 * The queued entry of a key.
	 * @param key the key
	 * @return the entry, or {@code null} when none is queued
	 */
	CacheEntry pending(String key) {
		synchronized (this.monitor) {
			return this.pending.get(key);
		}
	}

	/**
	 * Whether the queue holds its most entries, so that a writer should {@link #flush()}
	 * before going on.
	 * @return {@code true} when full
	 */
	boolean full() {
		synchronized (this.monitor) {
			return this.pending.size() >= this.maxPending;
		}
	}

	/**
	 * Drops the queued entry of a key. Call within {@link #exclusive}.
	 * @param key the key
	 * @return whether one was queued
	 */
	boolean drop(String key) {
		synchronized (this.monitor) {
			return this.pending.remove(key) != null;
		}
	}

	/**
	 * Drops the queued entries a filter selects. Call within {@link #exclusive}.
	 * @param filter the filter
	 */
	void drop(EntryFilter filter) {
		synchronized (this.monitor) {
			this.pending.values().removeIf(filter::matches);
		}
	}

	/**
	 * Runs an action while no flush is under way.
	 * @param <T> the result type
	 * @param action the action
	 * @return the action's result
	 */
	<T> T exclusive(Supplier<T> action) {
		this.flushLock.lock();
		try {
			return action.get();
		}
		finally {
			this.flushLock.unlock();
		}
	}

	/**
	 * Writes every queued entry to the lower layers now, in batches.
	 * @throws BackendException if a lower layer fails; the batch that failed and the
	 * entries after it stay queued
	 */
	void flush() {
		exclusive(() -> {
			for (List<CacheEntry> batch = take(); !batch.isEmpty(); batch = take()) {
				try {
					write(batch);
				}
				catch (RuntimeException ex) {
					requeue(batch);
					throw ex;
				}
			}
			return null;
		});
	}

	private List<CacheEntry> take() {
		synchronized (this.monitor) {
			List<CacheEntry> batch = new ArrayList<>(Math.min(this.batchSize, this.pending.size()));
			Iterator<CacheEntry> entries = this.pending.values().iterator();
			while (entries.hasNext() && batch.size() < this.batchSize) {
				batch.add(entries.next());
				entries.remove();
			}
			return batch;
		}
	}

	private void requeue(List<CacheEntry> batch) {
		synchronized (this.monitor) {
			for (CacheEntry entry : batch) {
				this.pending.putIfAbsent(entry.key(), entry);
			}
		}
	}

	private void write(List<CacheEntry> batch) {
		for (Layer target : this.targets) {
			try {
				if (batch.size() == 1) {
					target.backend().put(batch.get(0));
				}
				else {
					target.backend().putAll(batch);
				}
			}
			catch (RuntimeException ex) {
				throw new BackendException("Cache '" + this.cacheName + "' failed to write " + batch.size()
						+ " queued entries to layer '" + target.name() + "': " + ex.getMessage(), ex);
			}
		}
		this.flushed.accept(batch.stream().map(CacheEntry::key).toList());
	}

	private void run() {
		while (awaitFlush()) {
			try {
				flush();
				if (this.failing) {
					this.failing = false;
					logger.info("Cache '{}' writes its queued entries to the lower layers again", this.cacheName);
				}
			}
			catch (RuntimeException ex) {
				if (!this.failing) {
					this.failing = true;
					logger.warn("{}; they stay queued and are tried again every {}", ex.getMessage(),
							Duration.ofNanos(this.intervalNanos), ex);
				}
			}
		}
	}

	/**
	 * Waits for the flush interval, or until a batch is queued unless the last flush
	 * failed.
	 * @return {@code false} once the queue is closed
	 */
	private boolean awaitFlush() {
		long deadline = System.nanoTime() + this.intervalNanos;
		synchronized (this.monitor) {
			try {
				while (!this.closed && (this.failing || this.pending.size() < this.batchSize)) {
					long left = deadline - System.nanoTime();
					if (left <= 0) {
						break;
					}
					TimeUnit.NANOSECONDS.timedWait(this.monitor, left);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			return !this.closed;
		}
	}

	/**
	 * Stops the thread and writes what is queued to the lower layers.
	 * @throws BackendException if a lower layer fails: the entries still queued are lost
	 */
	@Override
	public void close() {
		synchronized (this.monitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			this.monitor.notifyAll();
		}
		try {
			this.flusher.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			flush();
		}
		catch (RuntimeException ex) {
			int lost;
			synchronized (this.monitor) {
				lost = this.pending.size();
				this.pending.clear();
			}
			throw new BackendException(
					"Cache '" + this.cacheName + "' lost " + lost + " queued entries on close: " + ex.getMessage(), ex);
		}
	}

}
