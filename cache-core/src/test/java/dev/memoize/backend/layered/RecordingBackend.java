package dev.memoize.backend.layered;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * A real backend that writes down each call it receives, as {@code name.operation(keys)},
 * in a log shared by the layers of a test, so that tests can check which layer was asked
 * what and in which order. A hook may run after each single-key read and before its
 * answer is returned, so a test can interleave other work with it.
 */
final class RecordingBackend implements CacheBackend {

	private final String name;

	private final CacheBackend delegate;

	private final List<String> log;

	private volatile Consumer<String> afterRead = (key) -> {
	};

	RecordingBackend(String name, CacheBackend delegate, List<String> log) {
		this.name = name;
		this.delegate = delegate;
		this.log = log;
	}

	CacheBackend delegate() {
		return this.delegate;
	}

	void afterRead(Consumer<String> hook) {
		this.afterRead = hook;
	}

	private void record(String operation, Object argument) {
		this.log.add(this.name + "." + operation + "(" + argument + ")");
	}

	@Override
	public boolean storesLiveObjects() {
		return this.delegate.storesLiveObjects();
	}

	@Override
	public Lookup get(MemoKey key) {
		record("get", key.key());
		Lookup lookup = this.delegate.get(key);
		this.afterRead.accept(key.key());
		return lookup;
	}

	@Override
	public Map<String, Lookup> getAll(Collection<MemoKey> keys) {
		record("getAll", keys.stream().map(MemoKey::key).toList());
		return this.delegate.getAll(keys);
	}

	@Override
	public void put(CacheEntry entry) {
		record("put", entry.key());
		this.delegate.put(entry);
	}

	@Override
	public void putAll(List<CacheEntry> entries) {
		record("putAll", entries.stream().map(CacheEntry::key).toList());
		this.delegate.putAll(entries);
	}

	@Override
	public boolean remove(String key) {
		record("remove", key);
		return this.delegate.remove(key);
	}

	@Override
	public long clear(EntryFilter filter) {
		record("clear", filter);
		return this.delegate.clear(filter);
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		record("scan", cursor);
		return this.delegate.scan(filter, cursor, limit);
	}

	@Override
	public long size() {
		record("size", "");
		return this.delegate.size();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
