package dev.memoize;

import dev.memoize.key.MemoKey;

/**
 * Told of what happens in every cache. Declare one as a bean to receive events; every
 * method has an empty default, so implement only what you need.
 *
 * <p>
 * Listeners are called on the thread of the call that caused the event and must be quick
 * and thread-safe. A listener that throws is logged and skipped; it never fails the call.
 */
public interface MemoizeListener {

	/**
	 * A lookup found an entry.
	 * @param cache the cache name
	 * @param entry the entry served
	 */
	default void onHit(String cache, CacheEntry entry) {
	}

	/**
	 * A lookup found nothing.
	 * @param cache the cache name
	 * @param key the key looked up
	 */
	default void onMiss(String cache, MemoKey key) {
	}

	/**
	 * An entry was written.
	 * @param cache the cache name
	 * @param entry the entry, with its output as the method returned it
	 */
	default void onPut(String cache, CacheEntry entry) {
	}

	/**
	 * An entry was removed: evicted for room, expired, or removed on request.
	 * @param cache the cache name
	 * @param key the key removed
	 */
	default void onEvict(String cache, String key) {
	}

	/**
	 * A backend failed or a stored entry could not be read.
	 * @param cache the cache name
	 * @param error what went wrong
	 */
	default void onError(String cache, Throwable error) {
	}

}
