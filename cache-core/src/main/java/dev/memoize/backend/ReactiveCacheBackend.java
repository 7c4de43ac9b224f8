package dev.memoize.backend;

import reactor.core.publisher.Mono;

import dev.memoize.CacheEntry;
import dev.memoize.key.MemoKey;

/**
 * A backend that can also read and write without blocking, through a reactive driver. The
 * engine serves {@code Mono}, {@code Flux} and {@code CompletableFuture} methods of a
 * cache whose backend implements this through these methods; it runs the blocking methods
 * of any other backend that is not in the heap on a bounded elastic scheduler instead.
 *
 * <p>
 * Contract, on top of {@link CacheBackend}'s:
 * <ul>
 * <li>No method blocks the thread that subscribes, nor any thread the returned
 * {@link Mono} signals on: they may be event-loop threads.</li>
 * <li>Nothing happens until the returned {@code Mono} is subscribed; each subscription
 * runs the operation once more.</li>
 * <li>{@link #getReactive} never signals an error: a failure of the store is a
 * {@link Lookup.Failure}. {@link #putReactive} and {@link #removeReactive} signal
 * {@link BackendException} when the store fails.</li>
 * <li>Values are stored and read exactly as by the blocking methods, so both may be used
 * on one cache.</li>
 * </ul>
 * Needs Reactor on the class path.
 */
public interface ReactiveCacheBackend extends CacheBackend {

	/**
	 * Reads one entry.
	 * @param key the key
	 * @return a hit, a miss or a failure; never empty, never an error
	 */
	Mono<Lookup> getReactive(MemoKey key);

	/**
	 * Stores an entry, replacing any entry with the same key.
	 * @param entry the entry
	 * @return completes when the entry is stored, or signals {@link BackendException}
	 */
	Mono<Void> putReactive(CacheEntry entry);

	/**
	 * Removes one entry.
	 * @param key the key
	 * @return whether an entry was removed, or {@link BackendException}
	 */
	Mono<Boolean> removeReactive(String key);

}
