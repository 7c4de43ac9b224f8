package dev.memoize.interceptor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.memoize.support.AsyncCacheAccess;
import dev.memoize.support.CacheRead;

/**
 * Serves methods returning {@link CompletableFuture} or {@link CompletionStage}. The call
 * returns at once with a future; the cache is read and written without blocking the
 * caller (see {@link AsyncCacheAccess}). On a miss, concurrent callers of one key share
 * one computation: one run of the method, one future.
 *
 * <p>
 * Where the method runs on a miss: on the caller's thread when the cache answered there
 * (in-heap caches), else on {@link AsyncCacheAccess#blockingExecutor()}, never on a
 * driver's event-loop thread, since a method returning a future may well compute its
 * value before returning it. Callers' futures complete once the value is stored, so the
 * next call finds it; they complete with the method's own exception, not wrapped, when it
 * fails, and nothing is stored then. Each caller gets a future of its own: completing or
 * cancelling it affects no other caller. Thread-safe.
 */
final class FutureInvocation {

	private final ConcurrentHashMap<FlightKey, CompletableFuture<Object>> flights = new ConcurrentHashMap<>();

	/**
	 * Serves a call.
	 * @param call the call
	 * @return the caller's future
	 */
	CompletableFuture<Object> invoke(AsyncCall call) {
		CompletableFuture<CacheRead> read = call.cache().read(call.key(), call.type());
		Function<CacheRead, CompletionStage<Object>> serve = (found) -> found.isHit()
				? CompletableFuture.completedFuture(found.value()) : shared(call, !found.isFailure());
		CompletableFuture<Object> value = read.isDone() ? read.thenCompose(serve)
				: read.thenComposeAsync(serve, call.cache().blockingExecutor());
		CompletableFuture<Object> result = new CompletableFuture<>();
		value.whenComplete((found, ex) -> complete(result, found, ex));
		return result;
	}

	/**
	 * Joins the computation of a key under way, or starts it: read the key once more (a
	 * caller that finished just before may have stored it), else run the method and store
	 * its value.
	 */
	private CompletableFuture<Object> shared(AsyncCall call, boolean reread) {
		FlightKey key = new FlightKey(call.cache(), call.key().key());
		CompletableFuture<Object> flight = new CompletableFuture<>();
		CompletableFuture<Object> leader = this.flights.putIfAbsent(key, flight);
		if (leader != null) {
			return leader;
		}
		CompletableFuture<CacheRead> again = reread ? call.cache().reread(call.key(), call.type())
				: CompletableFuture.completedFuture(CacheRead.miss());
		again.thenCompose((found) -> found.isHit() ? CompletableFuture.completedFuture(found.value()) : compute(call))
			.whenComplete((value, ex) -> {
				this.flights.remove(key, flight);
				complete(flight, value, ex);
			});
		return flight;
	}

	private static CompletableFuture<Object> compute(AsyncCall call) {
		long start = System.nanoTime();
		CompletableFuture<Object> computed = new CompletableFuture<>();
		try {
			CompletionStage<?> stage = call.invoke(CompletionStage.class);
			stage.whenComplete((value, ex) -> complete(computed, value, ex));
		}
		catch (Throwable ex) {
			computed.completeExceptionally(ex);
		}
		return computed.thenCompose((value) -> {
			call.cache().loaded(System.nanoTime() - start);
			return call.cache().write(call.key(), value, call.options()).thenApply((written) -> value);
		});
	}

	private static void complete(CompletableFuture<Object> future, Object value, Throwable ex) {
		if (ex != null) {
			future.completeExceptionally(AsyncCacheAccess.unwrap(ex));
		}
		else {
			future.complete(value);
		}
	}

	/**
	 * A key of one cache.
	 */
	private record FlightKey(AsyncCacheAccess cache, String key) {
	}

}
