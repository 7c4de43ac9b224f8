package dev.memoize.interceptor;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * Passes every call to a real backend and counts the reads and writes it was asked for,
 * with the number of keys or entries of each bulk call and the thread that made it.
 */
public final class CountingBackend implements CacheBackend {

	/** Single reads. */
	public final AtomicInteger gets = new AtomicInteger();

	/** Single writes. */
	public final AtomicInteger puts = new AtomicInteger();

	/** The number of keys of each bulk read, in order. */
	public final List<Integer> getAlls = new CopyOnWriteArrayList<>();

	/** The number of entries of each bulk write, in order. */
	public final List<Integer> putAlls = new CopyOnWriteArrayList<>();

	/** The threads bulk reads and writes ran on, in order. */
	public final List<String> threads = new CopyOnWriteArrayList<>();

	private final CacheBackend delegate;

	/**
	 * Wraps a backend.
	 * @param delegate the real backend
	 */
	public CountingBackend(CacheBackend delegate) {
		this.delegate = delegate;
	}

	/**
	 * Forgets every count.
	 */
	public void reset() {
		this.gets.set(0);
		this.puts.set(0);
		this.getAlls.clear();
		this.putAlls.clear();
		this.threads.clear();
	}

	@Override
	public boolean storesLiveObjects() {
		return this.delegate.storesLiveObjects();
	}

	@Override
	public Lookup get(MemoKey key) {
		this.gets.incrementAndGet();
		return this.delegate.get(key);
	}

	@Override
	public Map<String, Lookup> getAll(Collection<MemoKey> keys) {
		this.getAlls.add(keys.size());
		this.threads.add(Thread.currentThread().getName());
		return this.delegate.getAll(keys);
	}

	@Override
	public void put(CacheEntry entry) {
		this.puts.incrementAndGet();
		this.delegate.put(entry);
	}

	@Override
	public void putAll(List<CacheEntry> entries) {
		this.putAlls.add(entries.size());
		this.threads.add(Thread.currentThread().getName());
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
