package dev.memoize.support;

import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

import dev.memoize.CacheEntry;
import dev.memoize.backend.Lookup;
import dev.memoize.backend.ReactiveCacheBackend;
import dev.memoize.key.MemoKey;

/**
 * Calls a backend through its reactive methods. Loaded only for a
 * {@link ReactiveCacheBackend}, which cannot exist without Reactor. Thread-safe.
 */
final class ReactiveBackendCalls implements AsyncBackend {

	private final ReactiveCacheBackend backend;

	ReactiveBackendCalls(ReactiveCacheBackend backend) {
		this.backend = backend;
	}

	@Override
	public CompletableFuture<Lookup> get(MemoKey key) {
		return this.backend.getReactive(key)
			.onErrorResume((ex) -> Mono.just(Lookup.failure(ex)))
			.defaultIfEmpty(Lookup.miss())
			.toFuture();
	}

	@Override
	public CompletableFuture<Void> put(CacheEntry entry) {
		return this.backend.putReactive(entry).toFuture();
	}

	@Override
	public CompletableFuture<Boolean> remove(String key) {
		return this.backend.removeReactive(key).map(Boolean.TRUE::equals).defaultIfEmpty(false).toFuture();
	}

}
