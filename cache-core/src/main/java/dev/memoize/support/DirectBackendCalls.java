package dev.memoize.support;

import java.util.concurrent.CompletableFuture;

import dev.memoize.CacheEntry;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * Calls an in-heap backend on the calling thread: its operations do not block, so the
 * futures are complete when returned. Thread-safe.
 */
final class DirectBackendCalls implements AsyncBackend {

	private final CacheBackend backend;

	DirectBackendCalls(CacheBackend backend) {
		this.backend = backend;
	}

	@Override
	public CompletableFuture<Lookup> get(MemoKey key) {
		return CompletableFuture.completedFuture(BlockingCalls.get(this.backend, key));
	}

	@Override
	public CompletableFuture<Void> put(CacheEntry entry) {
		try {
			this.backend.put(entry);
			return CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public CompletableFuture<Boolean> remove(String key) {
		try {
			return CompletableFuture.completedFuture(this.backend.remove(key));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
