package dev.memoize.interceptor;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * A backend that hands every call to another; tests override what they observe or change.
 */
class ForwardingBackend implements CacheBackend {

	private final CacheBackend delegate;

	ForwardingBackend(CacheBackend delegate) {
		this.delegate = delegate;
	}

	@Override
	public boolean storesLiveObjects() {
		return this.delegate.storesLiveObjects();
	}

	@Override
	public Lookup get(MemoKey key) {
		return this.delegate.get(key);
	}

	@Override
	public void put(CacheEntry entry) {
		this.delegate.put(entry);
	}

	@Override
	public boolean remove(String key) {
		return this.delegate.remove(key);
	}

	@Override
	public long clear(EntryFilter filter) {
		return this.delegate.clear(filter);
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		return this.delegate.scan(filter, cursor, limit);
	}

	@Override
	public long size() {
		return this.delegate.size();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
