package dev.memoize.interceptor;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInvocation;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs calls of batch methods that return {@code Flux<V>}, {@code Mono<List<V>>} or
 * {@code Mono<Map<K,V>>}: the steps of a {@link BatchCall}, lazily, once per
 * subscription. Loaded only when Reactor is on the class path.
 *
 * <p>
 * Nothing blocks the subscribing thread: the bulk read and the bulk write, which may wait
 * on a backend, run on Reactor's bounded elastic scheduler. The method runs, with only
 * the misses, once the bulk read has answered; its publisher is collected whole before
 * anything is stored or emitted, so a method's publisher that errors, or a subscription
 * cancelled before the method's publisher completed, stores nothing. A {@code Mono} that
 * completes empty is an error, as is a {@code null} value to emit from a {@code Flux}.
 * Thread-safe.
 */
final class ReactiveBatchInvocation {

	private ReactiveBatchInvocation() {
	}

	/**
	 * The publisher a batch method's caller receives.
	 * @param form the method's form, a reactive one
	 * @param calls makes the state of one run of the call
	 * @param invocation the intercepted call, not yet proceeded
	 * @return a {@link Flux} or {@link Mono} of the stitched result
	 */
	static Object invoke(BatchOperation.Form form, Supplier<BatchCall> calls, MethodInvocation invocation) {
		Mono<BatchCall> completed = Mono.defer(() -> run(calls.get(), form, invocation));
		return switch (form) {
			case FLUX -> completed.flatMapIterable(ReactiveBatchInvocation::emitted);
			case MONO_LIST -> completed.map(BatchCall::results);
			case MONO_MAP -> completed.map(BatchCall::resultMap);
			case LIST, MAP -> throw new IllegalArgumentException(form + " is not a reactive form");
		};
	}

	private static Mono<BatchCall> run(BatchCall call, BatchOperation.Form form, MethodInvocation invocation) {
		if (call.isEmpty()) {
			return Mono.just(call);
		}
		return Mono.fromCallable(() -> {
			call.read();
			return call;
		})
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((read) -> read.hasMisses() ? compute(read, form, invocation) : Mono.just(read));
	}

	private static Mono<BatchCall> compute(BatchCall call, BatchOperation.Form form, MethodInvocation invocation) {
		long start = System.nanoTime();
		Object returned;
		try {
			returned = BatchInvocation.proceed(invocation, call.missArguments());
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
		if (returned == null) {
			return Mono.error(call.failure("returned null instead of a publisher"));
		}
		Mono<?> values = (form == BatchOperation.Form.FLUX) ? Flux.from((Publisher<?>) returned).collectList()
				: Mono.from((Publisher<?>) returned)
					.switchIfEmpty(Mono.error(() -> call.failure("returned a Mono that completed empty")));
		return values.map((computed) -> {
			call.computed(computed);
			return Duration.ofNanos(System.nanoTime() - start);
		}).flatMap((loadTime) -> Mono.fromCallable(() -> {
			call.store(loadTime);
			return call;
		}).subscribeOn(Schedulers.boundedElastic()));
	}

	private static List<Object> emitted(BatchCall call) {
		List<Object> results = call.results();
		if (results.contains(null)) {
			throw call.error("a value to emit is null, which a Flux cannot emit");
		}
		return results;
	}

}
