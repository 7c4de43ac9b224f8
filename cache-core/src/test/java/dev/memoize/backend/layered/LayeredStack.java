package dev.memoize.backend.layered;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * A layered backend together with its layers, as the backend contract needs one: closing
 * it closes the layered backend first, then the layers, as the cache manager closes the
 * caches of a layered cache. Everything else is the layered backend's.
 */
final class LayeredStack implements CacheBackend {

	private final LayeredBackend layered;

	LayeredStack(LayeredBackend layered) {
		this.layered = layered;
	}

	LayeredBackend layered() {
		return this.layered;
	}

	@Override
	public boolean storesLiveObjects() {
		return this.layered.storesLiveObjects();
	}

	@Override
	public Lookup get(MemoKey key) {
		return this.layered.get(key);
	}

	@Override
	public Map<String, Lookup> getAll(Collection<MemoKey> keys) {
		return this.layered.getAll(keys);
	}

	@Override
	public void put(CacheEntry entry) {
		this.layered.put(entry);
	}

	@Override
	public void putAll(List<CacheEntry> entries) {
		this.layered.putAll(entries);
	}

	@Override
	public boolean remove(String key) {
		return this.layered.remove(key);
	}

	@Override
	public long clear(EntryFilter filter) {
		return this.layered.clear(filter);
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		return this.layered.scan(filter, cursor, limit);
	}

	@Override
	public long size() {
		return this.layered.size();
	}

	@Override
	public void close() {
		try {
			this.layered.close();
		}
		finally {
			List<Layer> layers = new ArrayList<>(this.layered.layers());
			Collections.reverse(layers);
			layers.forEach((layer) -> layer.backend().close());
		}
	}

}
