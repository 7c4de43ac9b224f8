package dev.memoize.support;

import java.util.List;
import java.util.function.Consumer;

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
		// no listener is the common case: skip creating the call on every hit
		if (this.listeners.isEmpty()) {
			return;
		}
		fire("hit", (listener) -> listener.onHit(this.cache, entry));
	}

	void miss(MemoKey key) {
		if (this.listeners.isEmpty()) {
			return;
		}
		fire("miss", (listener) -> listener.onMiss(this.cache, key));
	}

	void put(CacheEntry entry) {
		fire("put", (listener) -> listener.onPut(this.cache, entry));
	}

	void evict(String key) {
		fire("evict", (listener) -> listener.onEvict(this.cache, key));
	}

	void error(Throwable error) {
		fire("error", (listener) -> listener.onError(this.cache, error));
	}

	private void fire(String event, Consumer<MemoizeListener> call) {
		for (MemoizeListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				failed(listener, event, ex);
			}
		}
	}

	private void failed(MemoizeListener listener, String event, RuntimeException ex) {
		logger.warn("Memoize listener {} failed on the {} event of cache '{}'; skipped", listener.getClass().getName(),
				event, this.cache, ex);
	}

}
