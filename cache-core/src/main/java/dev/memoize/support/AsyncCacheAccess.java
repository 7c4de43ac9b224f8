package dev.memoize.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.springframework.core.ResolvableType;

import dev.memoize.CacheEntry;
import dev.memoize.WriteOptions;
import dev.memoize.backend.Lookup;
import dev.memoize.codec.CodecException;
import dev.memoize.key.MemoKey;

/**
 * The asynchronous path of one {@link DefaultMemoCache}: reads and writes that never
 * block the calling thread, for methods returning {@code CompletableFuture},
 * {@code CompletionStage}, {@code Mono} or {@code Flux}. Keys, decoding, expiry,
 * statistics, events and fault handling are the cache's own, exactly as on the
 * synchronous path; only the backend is reached differently: in-heap backends directly
 * (the futures are complete on return), a
 * {@link dev.memoize.backend.ReactiveCacheBackend} through its reactive methods, any
 * other backend on {@link #blockingExecutor()}.
 *
 * <p>
 * Single-flight computation is left to the callers, which know the shape of the result.
 * Thread-safe.
 */
public final class AsyncCacheAccess {

	private final DefaultMemoCache cache;

	private final AsyncBackend backend;

	AsyncCacheAccess(DefaultMemoCache cache, AsyncBackend backend) {
		this.cache = cache;
		this.backend = backend;
	}

	/**
	 * The cache's name.
	 * @return the name
	 */
	public String name() {
		return this.cache.name();
	}

	/**
	 * Reads the value of a call and counts a hit or a miss, as the synchronous path does.
	 * An entry that has expired or cannot be decoded is removed and read as a miss.
	 * @param key the call's key
	 * @param type the declared type the stored value is decoded to
	 * @return the read; completes exceptionally with a
	 * {@link dev.memoize.MemoizeException} only when the backend failed and the cache
	 * does not fail open
	 */
	public CompletableFuture<CacheRead> read(MemoKey key, ResolvableType type) {
		return read(key, type, true);
	}

	/**
	 * Reads the value of a call again without counting it: for the one computation of a
	 * cold key, which another caller may have stored just before it began.
	 * @param key the call's key
	 * @param type the declared type
	 * @return the read, as for {@link #read}
	 */
	public CompletableFuture<CacheRead> reread(MemoKey key, ResolvableType type) {
		return read(key, type, false);
	}

	private CompletableFuture<CacheRead> read(MemoKey key, ResolvableType type, boolean count) {
		return this.backend.get(key).thenCompose((lookup) -> {
			if (lookup instanceof Lookup.Failure failure) {
				this.cache.fault("read", failure.cause());
				return counted(key, null, CacheRead.failure(), count);
			}
			if (!(lookup instanceof Lookup.Hit hit)) {
				return counted(key, null, CacheRead.miss(), count);
			}
			this.cache.backendWorks();
			CacheEntry entry = hit.entry();
			if (this.cache.isExpired(entry)) {
				return removeQuietly(key.key()).thenCompose((removed) -> {
					this.cache.evicted(key.key());
					return counted(key, null, CacheRead.miss(), count);
				});
			}
			Object value;
			try {
				value = this.cache.served(entry.value(), type);
			}
			catch (CodecException ex) {
				this.cache.corrupted(ex);
				return removeQuietly(key.key()).thenCompose((removed) -> counted(key, null, CacheRead.miss(), count));
			}
			return counted(key, entry, CacheRead.hit(value), count);
		});
	}

	private CompletableFuture<CacheRead> counted(MemoKey key, CacheEntry entry, CacheRead read, boolean count) {
		if (count) {
			this.cache.counted(key, entry);
		}
		return CompletableFuture.completedFuture(read);
	}

	private CompletableFuture<Void> removeQuietly(String key) {
		return this.backend.remove(key).handle((removed, ex) -> {
			if (ex != null) {
				this.cache.fault("remove", unwrap(ex));
			}
			return null;
		});
	}

	/**
	 * Stores a computed value unless the write options veto it, as the synchronous path
	 * does: with the options' time to live and metadata, counted and reported as a put.
	 * @param key the call's key
	 * @param value the value, possibly {@code null}
	 * @param options time to live, metadata and veto
	 * @return completes when the value is stored, vetoed, or could not be stored and the
	 * cache fails open; exceptionally with a {@link dev.memoize.MemoizeException} when
	 * the value cannot be encoded, the veto cannot be evaluated, or the backend failed
	 * and the cache does not fail open
	 */
	public CompletableFuture<Void> write(MemoKey key, Object value, WriteOptions options) {
		CacheEntry entry;
		CacheEntry stored;
		try {
			if (options.unless().test(value)) {
				return CompletableFuture.completedFuture(null);
			}
			entry = this.cache.newEntry(key, value, options.ttl(), options.metadata());
			stored = this.cache.forBackend(entry);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return this.backend.put(stored).handle((ignored, ex) -> {
			if (ex != null) {
				this.cache.fault("write", unwrap(ex));
			}
			else {
				this.cache.stored(entry);
			}
			return null;
		});
	}

	/**
	 * Counts one computation and its duration in the statistics.
	 * @param nanos how long it took
	 */
	public void loaded(long nanos) {
		this.cache.loaded(nanos);
	}

	/**
	 * Where work that may block runs: Reactor's bounded elastic scheduler when Reactor is
	 * present, else a bounded pool of daemon threads.
	 * @return the executor
	 */
	public Executor blockingExecutor() {
		return BlockingWork.executor();
	}

	/**
	 * The cause a future failed with, without the {@link CompletionException} that
	 * dependent stages wrap it in.
	 * @param failure what a future completed with
	 * @return the cause
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
