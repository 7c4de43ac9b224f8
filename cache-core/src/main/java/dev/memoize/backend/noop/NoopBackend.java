package dev.memoize.backend.noop;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

import java.util.List;

/**
 * A backend that stores nothing, so every call computes: for turning caching off in one
 * environment without touching code. Thread-safe.
 */
public class NoopBackend implements CacheBackend {

	@Override
	public boolean storesLiveObjects() {
		return true;
	}

	@Override
	public Lookup get(MemoKey key) {
		return Lookup.miss();
	}

	@Override
	public void put(CacheEntry entry) {
	}

	@Override
	public boolean remove(String key) {
		return false;
	}

	@Override
	public long clear(EntryFilter filter) {
		return 0;
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		return new EntryPage(List.of(), null);
	}

	@Override
	public long size() {
		return 0;
	}

}
