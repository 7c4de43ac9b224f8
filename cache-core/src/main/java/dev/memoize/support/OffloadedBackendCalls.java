package dev.memoize.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.memoize.CacheEntry;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * Runs the blocking methods of a backend (JDBC, disk, files, feeds) on an executor meant
 * for blocking work, so the calling thread, possibly an event loop, only schedules them.
 * Thread-safe.
 */
final class OffloadedBackendCalls implements AsyncBackend {

	private final CacheBackend backend;

	private final Executor executor;

	OffloadedBackendCalls(CacheBackend backend, Executor executor) {
		this.backend = backend;
		this.executor = executor;
	}

	@Override
	public CompletableFuture<Lookup> get(MemoKey key) {
		try {
			return CompletableFuture.supplyAsync(() -> BlockingCalls.get(this.backend, key), this.executor);
		}
		catch (RuntimeException ex) {
			// the executor refused the work
			return CompletableFuture.completedFuture(Lookup.failure(ex));
		}
	}

	@Override
	public CompletableFuture<Void> put(CacheEntry entry) {
		try {
			return CompletableFuture.runAsync(() -> this.backend.put(entry), this.executor);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public CompletableFuture<Boolean> remove(String key) {
		try {
			return CompletableFuture.supplyAsync(() -> this.backend.remove(key), this.executor);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
