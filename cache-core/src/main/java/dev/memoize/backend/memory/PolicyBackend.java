package dev.memoize.backend.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.InHeapPages;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * An in-memory backend with a classic eviction policy: LRU, LFU, FIFO or random.
 *
 * <p>
 * Caffeine offers only Window TinyLFU, so these policies are kept here: a map and an
 * {@link EvictionPolicy} guarded by one lock. Entries expire at their own
 * {@link CacheEntry#expiresAt()} as told by the context's clock. Keeps live objects.
 * Thread-safe.
 */
public class PolicyBackend implements CacheBackend {

	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, CacheEntry> entries = new HashMap<>();

	private final EvictionPolicy policy;

	private final long maxEntries;

	private final Clock clock;

	private final Consumer<String> evictionListener;

	/**
	 * Creates a backend.
	 * @param maxEntries the most entries kept, at least 1
	 * @param eviction the policy; not {@link Eviction#TINYLFU}, which is
	 * {@link CaffeineBackend}'s
	 * @param random the source of randomness for {@link Eviction#RANDOM}
	 * @param context the cache name, clock and eviction listener
	 */
	public PolicyBackend(long maxEntries, Eviction eviction, RandomGenerator random, BackendContext context) {
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
		}
		this.policy = EvictionPolicy.of(eviction, random);
		this.maxEntries = maxEntries;
		this.clock = context.clock();
		this.evictionListener = context.evictionListener();
	}

	@Override
	public boolean storesLiveObjects() {
		return true;
	}

	@Override
	public Lookup get(MemoKey key) {
		String evicted = null;
		CacheEntry entry;
		this.lock.lock();
		try {
			entry = this.entries.get(key.key());
			if (entry != null && entry.isExpired(this.clock.instant())) {
				unlink(key.key());
				evicted = key.key();
				entry = null;
			}
			else if (entry != null) {
				this.policy.accessed(key.key());
			}
		}
		finally {
			this.lock.unlock();
		}
		if (evicted != null) {
			this.evictionListener.accept(evicted);
		}
		return (entry != null) ? Lookup.hit(entry) : Lookup.miss();
	}

	@Override
	public void put(CacheEntry entry) {
		List<String> evicted = new ArrayList<>();
		this.lock.lock();
		try {
			if (this.entries.containsKey(entry.key())) {
				this.entries.put(entry.key(), entry);
				this.policy.accessed(entry.key());
			}
			else {
				// Make room before the new key is tracked, so it is never its own victim
				// (under LFU a new key has the lowest count and would always be dropped).
				while (this.entries.size() >= this.maxEntries) {
					String victim = this.policy.victim();
					unlink(victim);
					evicted.add(victim);
				}
				this.entries.put(entry.key(), entry);
				this.policy.added(entry.key());
			}
		}
		finally {
			this.lock.unlock();
		}
		evicted.forEach(this.evictionListener);
	}

	private void unlink(String key) {
		this.entries.remove(key);
		this.policy.removed(key);
	}

	@Override
	public boolean remove(String key) {
		this.lock.lock();
		try {
			boolean present = this.entries.containsKey(key);
			unlink(key);
			return present;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public long clear(EntryFilter filter) {
		this.lock.lock();
		try {
			long removed = 0;
			Iterator<CacheEntry> iterator = this.entries.values().iterator();
			while (iterator.hasNext()) {
				CacheEntry entry = iterator.next();
				if (filter.matches(entry)) {
					iterator.remove();
					this.policy.removed(entry.key());
					removed++;
				}
			}
			return removed;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		List<CacheEntry> snapshot;
		this.lock.lock();
		try {
			snapshot = new ArrayList<>(this.entries.values());
		}
		finally {
			this.lock.unlock();
		}
		return InHeapPages.page(snapshot, filter, cursor, limit, this.clock.instant());
	}

	@Override
	public long size() {
		this.lock.lock();
		try {
			return this.entries.size();
		}
		finally {
			this.lock.unlock();
		}
	}

}
