package dev.memoize.interceptor;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.memoize.CacheEntry;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.ForwardingBackend;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * Passes every call to a real backend and counts the reads and writes it was asked for,
 * with the number of keys or entries of each bulk call and the thread that made it.
 */
public final class CountingBackend extends ForwardingBackend {

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

	/**
	 * Wraps a backend.
	 * @param delegate the real backend
	 */
	public CountingBackend(CacheBackend delegate) {
		super(delegate);
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
	public Lookup get(MemoKey key) {
		this.gets.incrementAndGet();
		return super.get(key);
	}

	@Override
	public Map<String, Lookup> getAll(Collection<MemoKey> keys) {
		this.getAlls.add(keys.size());
		this.threads.add(Thread.currentThread().getName());
		return super.getAll(keys);
	}

	@Override
	public void put(CacheEntry entry) {
		this.puts.incrementAndGet();
		super.put(entry);
	}

	@Override
	public void putAll(List<CacheEntry> entries) {
		this.putAlls.add(entries.size());
		this.threads.add(Thread.currentThread().getName());
		super.putAll(entries);
	}

}
