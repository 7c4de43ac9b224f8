package dev.memoize.support;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * A fault injector: a backend whose server is down. Reads answer a failure, everything
 * else throws {@link BackendException}.
 */
public final class FailingBackend implements CacheBackend {

	private final boolean liveObjects;

	/**
	 * Creates a backend that is down.
	 * @param liveObjects what {@link #storesLiveObjects()} answers
	 */
	public FailingBackend(boolean liveObjects) {
		this.liveObjects = liveObjects;
	}

	@Override
	public boolean storesLiveObjects() {
		return this.liveObjects;
	}

	@Override
	public Lookup get(MemoKey key) {
		return Lookup.failure(down());
	}

	@Override
	public void put(CacheEntry entry) {
		throw down();
	}

	@Override
	public boolean remove(String key) {
		throw down();
	}

	@Override
	public long clear(EntryFilter filter) {
		throw down();
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		throw down();
	}

	@Override
	public long size() {
		throw down();
	}

	private static BackendException down() {
		return new BackendException("connection refused", null);
	}

}
