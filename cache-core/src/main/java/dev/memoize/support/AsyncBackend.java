package dev.memoize.support;

import java.util.concurrent.CompletableFuture;

import dev.memoize.CacheEntry;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.Lookup;
import dev.memoize.backend.ReactiveCacheBackend;
import dev.memoize.backend.callback.CallbackBackend;
import dev.memoize.key.MemoKey;

/**
 * The calls the asynchronous path makes to a backend, none of which blocks the calling
 * thread. Thread-safe.
 */
interface AsyncBackend {

	/**
	 * Reads one entry.
	 * @param key the key
	 * @return a hit, a miss or a failure; never completes exceptionally
	 */
	CompletableFuture<Lookup> get(MemoKey key);

	/**
	 * Stores an entry.
	 * @param entry the entry, encoded when the backend does not keep live objects
	 * @return completes when stored, or exceptionally with the backend's exception
	 */
	CompletableFuture<Void> put(CacheEntry entry);

	/**
	 * Removes an entry.
	 * @param key the key
	 * @return whether an entry was removed, or exceptionally with the backend's exception
	 */
	CompletableFuture<Boolean> remove(String key);

	/**
	 * The calls fitting a backend: its own reactive methods when it has them; direct
	 * calls when it keeps entries in the heap, which never blocks; otherwise its blocking
	 * methods run on {@link BlockingWork#executor()}. A {@link CallbackBackend} counts as
	 * blocking although it keeps live objects: its feeds are application code that may
	 * call remote services.
	 * @param backend the backend
	 * @return the calls
	 */
	static AsyncBackend of(CacheBackend backend) {
		if (backend instanceof ReactiveCacheBackend reactive) {
			return new ReactiveBackendCalls(reactive);
		}
		if (backend.storesLiveObjects() && !(backend instanceof CallbackBackend)) {
			return new DirectBackendCalls(backend);
		}
		return new OffloadedBackendCalls(backend, BlockingWork.executor());
	}

}
