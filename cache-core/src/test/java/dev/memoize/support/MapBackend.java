package dev.memoize.support;

import java.time.Clock;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.InHeapPages;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * A backend shaped like a persistent store: it does not keep live objects, so the engine
 * hands it {@link dev.memoize.codec.EncodedValue}s. Entries sit in a sorted map that
 * tests can read and tamper with.
 */
final class MapBackend implements CacheBackend {

	final ConcurrentSkipListMap<String, CacheEntry> entries = new ConcurrentSkipListMap<>();

	final AtomicInteger scans = new AtomicInteger();

	final AtomicInteger removes = new AtomicInteger();

	private final Clock clock;

	MapBackend(BackendContext context) {
		this.clock = context.clock();
	}

	@Override
	public boolean storesLiveObjects() {
		return false;
	}

	@Override
	public Lookup get(MemoKey key) {
		CacheEntry entry = this.entries.get(key.key());
		if (entry == null || entry.isExpired(this.clock.instant())) {
			return Lookup.miss();
		}
		return Lookup.hit(entry);
	}

	@Override
	public void put(CacheEntry entry) {
		this.entries.put(entry.key(), entry);
	}

	@Override
	public boolean remove(String key) {
		this.removes.incrementAndGet();
		return this.entries.remove(key) != null;
	}

	@Override
	public long clear(EntryFilter filter) {
		long before = this.entries.size();
		this.entries.values().removeIf(filter::matches);
		return before - this.entries.size();
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		this.scans.incrementAndGet();
		return InHeapPages.page(this.entries.values(), filter, cursor, limit, this.clock.instant());
	}

	@Override
	public long size() {
		return this.entries.size();
	}

}
