package dev.memoize.interceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.memoize.support.AsyncCacheAccess;
import dev.memoize.support.CacheRead;

/**
 * Serves methods returning a Reactor {@link Mono} or {@link Flux}. The call returns at
 * once with a publisher; nothing happens until it is subscribed, and each subscription
 * reads the cache (without blocking, see {@link AsyncCacheAccess}) and on a miss joins
 * the one computation of the key under way, or starts it.
 *
 * <ul>
 * <li>A {@code Mono}'s value is stored, {@code null} standing for an empty {@code Mono};
 * a hit on {@code null} completes empty.</li>
 * <li>A {@code Flux}'s elements pass to the subscribers as they come and are stored as a
 * list once it completes; a hit replays the list.</li>
 * <li>Concurrent subscribers of a cold key share one subscription to what the method
 * returned (and the method runs once): it is connected by the first and cancelled when
 * the last one cancels; a subscriber arriving late still receives every element from the
 * first (a replay). Nothing is stored when it errors or is cancelled, so partial
 * consumption such as {@code take(n)} by the only subscriber stores nothing.</li>
 * <li>The value is stored before it is emitted (a {@code Mono}) or before completion is
 * signalled (a {@code Flux}), so the next subscription finds it.</li>
 * </ul>
 * Loaded only when Reactor is on the class path. Thread-safe.
 */
final class ReactiveInvocation {

	private final ConcurrentHashMap<FlightKey, Flux<Object>> flights = new ConcurrentHashMap<>();

	/**
	 * Serves a call of a method returning {@code Mono}.
	 * @param call the call
	 * @return the caller's {@code Mono}
	 */
	Object mono(AsyncCall call) {
		return Mono.fromFuture(() -> call.cache().read(call.key(), call.type()))
			.flatMap((found) -> found.isHit() ? Mono.justOrEmpty(found.value())
					: shared(call, !found.isFailure(), false).singleOrEmpty());
	}

	/**
	 * Serves a call of a method returning {@code Flux}.
	 * @param call the call
	 * @return the caller's {@code Flux}
	 */
	Object flux(AsyncCall call) {
		return Mono.fromFuture(() -> call.cache().read(call.key(), call.type()))
			.flatMapMany((found) -> found.isHit() ? elements(found.value()) : shared(call, !found.isFailure(), true));
	}

	private static Flux<Object> elements(Object stored) {
		return (stored != null) ? Flux.fromIterable((List<?>) stored) : Flux.empty();
	}

	/**
	 * The computation of the call's key under way, or a new one. It is assembled here and
	 * runs when first subscribed; it leaves the map when it terminates or is cancelled.
	 */
	private Flux<Object> shared(AsyncCall call, boolean reread, boolean many) {
		FlightKey key = new FlightKey(call.cache(), call.key().key());
		return this.flights.computeIfAbsent(key, (absent) -> {
			AtomicReference<Flux<Object>> self = new AtomicReference<>();
			Flux<Object> flight = Flux.defer(() -> run(call, reread, many))
				.doFinally((signal) -> this.flights.remove(absent, self.get()))
				.replay()
				.refCount();
			self.set(flight);
			return flight;
		});
	}

	private static Flux<Object> run(AsyncCall call, boolean reread, boolean many) {
		Mono<CacheRead> again = reread ? Mono.fromFuture(() -> call.cache().reread(call.key(), call.type()))
				: Mono.just(CacheRead.miss());
		return again.flatMapMany((found) -> {
			if (found.isHit()) {
				return many ? elements(found.value()) : Mono.justOrEmpty(found.value()).flux();
			}
			return many ? computeFlux(call) : computeMono(call).flux();
		});
	}

	@SuppressWarnings("unchecked")
	private static Mono<Object> computeMono(AsyncCall call) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			Mono<Object> source;
			try {
				source = call.invoke(Mono.class);
			}
			catch (Throwable ex) {
				return Mono.error(ex);
			}
			return source.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((value) -> {
				call.cache().loaded(System.nanoTime() - start);
				return store(call, value.orElse(null)).then(Mono.justOrEmpty(value));
			});
		});
	}

	@SuppressWarnings("unchecked")
	private static Flux<Object> computeFlux(AsyncCall call) {
		return Flux.defer(() -> {
			long start = System.nanoTime();
			Flux<Object> source;
			try {
				source = call.invoke(Flux.class);
			}
			catch (Throwable ex) {
				return Flux.error(ex);
			}
			List<Object> elements = new ArrayList<>();
			return source.doOnNext(elements::add).concatWith(Mono.defer(() -> {
				call.cache().loaded(System.nanoTime() - start);
				return store(call, List.copyOf(elements));
			}).then(Mono.empty()));
		});
	}

	private static Mono<Void> store(AsyncCall call, Object value) {
		return Mono.fromFuture(() -> call.cache().write(call.key(), value, call.options()));
	}

	/**
	 * A key of one cache.
	 */
	private record FlightKey(AsyncCacheAccess cache, String key) {
	}

}
