package dev.memoize.support;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.memoize.CacheEntry;
import dev.memoize.MemoizeListener;
import dev.memoize.key.MemoKey;

/**
 * Hands the events of one cache to every {@link MemoizeListener}; a listener that throws
 * is logged and skipped. Thread-safe.
 */
public final class CacheEvents {

	private static final Logger logger = LoggerFactory.getLogger(CacheEvents.class);

	private final String cache;

	private final List<MemoizeListener> listeners;

	/**
	 * Creates the events of a cache.
	 * @param cache the cache name
	 * @param listeners the listeners, in order
	 */
	public CacheEvents(String cache, List<MemoizeListener> listeners) {
		this.cache = cache;
		this.listeners = List.copyOf(listeners);
	}

	void hit(CacheEntry entry) {
		for (MemoizeListener listener : this.listeners) {
			try {
				listener.onHit(this.cache, entry);
			}
			catch (RuntimeException ex) {
				failed(listener, "hit", ex);
			}
		}
	}

	void miss(MemoKey key) {
		for (MemoizeListener listener : this.listeners) {
			try {
				listener.onMiss(this.cache, key);
			}
			catch (RuntimeException ex) {
				failed(listener, "miss", ex);
			}
		}
	}

	void put(CacheEntry entry) {
		for (MemoizeListener listener : this.listeners) {
			try {
				listener.onPut(this.cache, entry);
			}
			catch (RuntimeException ex) {
				failed(listener, "put", ex);
			}
		}
	}

	void evict(String key) {
		for (MemoizeListener listener : this.listeners) {
			try {
				listener.onEvict(this.cache, key);
			}
			catch (RuntimeException ex) {
				failed(listener, "evict", ex);
			}
		}
	}

	void error(Throwable error) {
		for (MemoizeListener listener : this.listeners) {
			try {
				listener.onError(this.cache, error);
			}
			catch (RuntimeException ex) {
				failed(listener, "error", ex);
			}
		}
	}

	private void failed(MemoizeListener listener, String event, RuntimeException ex) {
		logger.warn("Memoize listener {} failed on the {} event of cache '{}'; skipped", listener.getClass().getName(),
				event, this.cache, ex);
	}

}
