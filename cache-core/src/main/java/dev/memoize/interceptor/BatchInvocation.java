package dev.memoize.interceptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.util.ClassUtils;

import dev.memoize.MemoCache;
import dev.memoize.MemoizeException;

/**
 * Runs calls of {@code @Memoize(batch = true)} methods: every element of the batch
 * parameter is memoized on its own. The hits come from one bulk read of the cache, the
 * method runs once with only the misses (each distinct element once, in input order), its
 * values are stored with one bulk write, and the result is stitched back in input order,
 * with a value for every input position. An empty batch returns an empty result without
 * the cache or the method; a {@code null} batch is passed to the method as it is, and
 * nothing is stored.
 *
 * <p>
 * Methods returning {@code List<V>} or {@code Map<K,V>} run here, on the caller's thread;
 * those returning {@code Flux<V>}, {@code Mono<List<V>>} or {@code Mono<Map<K,V>>} are
 * handed to {@link ReactiveBatchInvocation}, which is loaded only when Reactor is on the
 * class path.
 *
 * <p>
 * Unlike calls of single values, batch calls do not share computations: two overlapping
 * batch calls that run at once may both compute an element that neither found stored.
 * Thread-safe.
 */
final class BatchInvocation {

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
			BatchInvocation.class.getClassLoader());

	private BatchInvocation() {
	}

	/**
	 * Runs a call of a batch method.
	 * @param operation the method's operation, a batch one
	 * @param cache the method's cache
	 * @param invocation the intercepted call, not yet proceeded
	 * @return the stitched result, or a publisher of it for a reactive method
	 * @throws Throwable what the method throws, or a {@link MemoizeException} when its
	 * result does not match the elements it was given
	 */
	static Object invoke(MemoizeOperation operation, MemoCache cache, MethodInvocation invocation) throws Throwable {
		BatchOperation batch = operation.batch();
		Object[] args = invocation.getArguments().clone();
		Collection<?> input = (Collection<?>) args[batch.parameterIndex()];
		if (input == null) {
			return invocation.proceed();
		}
		List<Object> elements = new ArrayList<>(input);
		Object target = invocation.getThis();
		Supplier<BatchCall> calls = () -> new BatchCall(operation, cache, target, args, elements);
		if (batch.form().isReactive()) {
			if (!REACTOR_PRESENT) {
				throw new IllegalStateException("Reactor is not on the class path");
			}
			return ReactiveBatchInvocation.invoke(batch.form(), calls, invocation);
		}
		return invokeNow(calls.get(), batch.form(), invocation);
	}

	private static Object invokeNow(BatchCall call, BatchOperation.Form form, MethodInvocation invocation)
			throws Throwable {
		if (call.isEmpty()) {
			return (form == BatchOperation.Form.LIST) ? new ArrayList<>() : new LinkedHashMap<>();
		}
		call.read();
		if (call.hasMisses()) {
			long start = System.nanoTime();
			Object returned = proceed(invocation, call.missArguments());
			Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
			call.computed(returned);
			call.store(loadTime);
		}
		return (form == BatchOperation.Form.LIST) ? call.results() : call.resultMap();
	}

	/**
	 * Runs the rest of the call with other arguments. A Spring invocation is cloned
	 * first, so the intercepted call keeps its own arguments and may run again.
	 * @param invocation the intercepted call, not yet proceeded
	 * @param arguments the arguments to run with
	 * @return what the method returned
	 * @throws Throwable what the method threw
	 */
	static Object proceed(MethodInvocation invocation, Object[] arguments) throws Throwable {
		if (invocation instanceof ProxyMethodInvocation proxied) {
			return proxied.invocableClone(arguments).proceed();
		}
		System.arraycopy(arguments, 0, invocation.getArguments(), 0, arguments.length);
		return invocation.proceed();
	}

}
