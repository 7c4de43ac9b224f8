package dev.memoize.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;
import dev.memoize.MemoizeException;

/**
 * A fixed set of caches by name. Thread-safe; closing it closes every cache, in the
 * reverse of their order, so that a cache built over others (listed after them) closes
 * first; even when one of them fails to close (the first failure is thrown, later ones
 * suppressed in it).
 */
public class DefaultMemoCacheManager implements MemoCacheManager, AutoCloseable {

	private final Map<String, MemoCache> caches;

	/**
	 * Creates a manager.
	 * @param caches the caches, in configuration order except that a cache built over
	 * other caches comes after them
	 */
	public DefaultMemoCacheManager(List<? extends MemoCache> caches) {
		Map<String, MemoCache> byName = new LinkedHashMap<>();
		for (MemoCache cache : caches) {
			if (byName.putIfAbsent(cache.name(), cache) != null) {
				throw new IllegalArgumentException("Two caches are named '" + cache.name() + "'");
			}
		}
		this.caches = Collections.unmodifiableMap(byName);
	}

	@Override
	public MemoCache cache(String name) {
		MemoCache cache = this.caches.get(name);
		if (cache == null) {
			throw new MemoizeException("No cache is named '" + name + "'; the caches are " + this.caches.keySet());
		}
		return cache;
	}

	@Override
	public Set<String> names() {
		return this.caches.keySet();
	}

	@Override
	public long copy(String from, String to, EntryFilter filter) {
		MemoCache target = cache(to);
		long copied = 0;
		try (Stream<CacheEntry> entries = cache(from).entries(filter)) {
			for (CacheEntry entry : (Iterable<CacheEntry>) entries::iterator) {
				target.put(entry);
				copied++;
			}
		}
		return copied;
	}

	@Override
	public void close() throws Exception {
		Exception failure = null;
		List<MemoCache> inReverse = new ArrayList<>(this.caches.values());
		Collections.reverse(inReverse);
		for (MemoCache cache : inReverse) {
			try {
				if (cache instanceof AutoCloseable closeable) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
