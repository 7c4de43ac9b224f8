package dev.memoize.backend;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.key.MemoKey;

/**
 * A backend that hands every call, bulk ones included, to another: tests extend it and
 * override what they observe or change.
 */
public class ForwardingBackend implements CacheBackend {

	private final CacheBackend delegate;

	/**
	 * Creates a backend that forwards to another.
	 * @param delegate the backend that does the work
	 */
	public ForwardingBackend(CacheBackend delegate) {
		this.delegate = delegate;
	}

	/**
	 * The backend that does the work.
	 * @return the delegate
	 */
	protected CacheBackend delegate() {
		return this.delegate;
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
	public Map<String, Lookup> getAll(Collection<MemoKey> keys) {
		return this.delegate.getAll(keys);
	}

	@Override
	public void put(CacheEntry entry) {
		this.delegate.put(entry);
	}

	@Override
	public void putAll(List<CacheEntry> entries) {
		this.delegate.putAll(entries);
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
