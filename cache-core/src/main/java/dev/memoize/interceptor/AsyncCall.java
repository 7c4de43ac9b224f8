package dev.memoize.interceptor;

import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.core.ResolvableType;

import dev.memoize.Computation;
import dev.memoize.MemoCache;
import dev.memoize.MemoizeException;
import dev.memoize.WriteOptions;
import dev.memoize.key.MemoKey;
import dev.memoize.support.AsyncCacheAccess;
import dev.memoize.support.DefaultMemoCache;

/**
 * One call of a memoized method that returns a future, a {@code Mono} or a {@code Flux}:
 * everything needed to read its value, run the method on a miss and store the result,
 * captured when the method is called. Immutable.
 *
 * @param cache the asynchronous path of the method's cache
 * @param key the call's key
 * @param type the type the stored value is decoded to
 * @param options how the value is written, its {@code unless} bound to this call
 * @param method runs the method itself; may be run more than once (once per subscription
 * of a {@code Mono} or {@code Flux} that misses)
 * @param func the function name, for messages
 */
record AsyncCall(AsyncCacheAccess cache, MemoKey key, ResolvableType type, WriteOptions options, Computation method,
		String func) {

	/**
	 * Captures a call.
	 * @param cache the method's cache
	 * @param operation the method's operation
	 * @param key the call's key
	 * @param invocation the intercepted invocation
	 * @return the call
	 * @throws MemoizeException if the cache has no asynchronous path
	 */
	static AsyncCall of(MemoCache cache, MemoizeOperation operation, MemoKey key, MethodInvocation invocation) {
		if (!(cache instanceof DefaultMemoCache defaultCache)) {
			throw new MemoizeException("@Memoize on " + operation.func() + ": cache '" + cache.name() + "' is a "
					+ cache.getClass().getName() + ", which cannot serve methods returning " + "futures, Mono or Flux");
		}
		Object target = invocation.getThis();
		Object[] args = invocation.getArguments();
		return new AsyncCall(defaultCache.async(), key, operation.valueType(), operation.writeOptions(target, args),
				repeatable(invocation), operation.func());
	}

	/**
	 * Runs the rest of the interceptor chain and the method each time it is asked, from
	 * any thread, through a fresh copy of the invocation where the proxy allows it.
	 */
	private static Computation repeatable(MethodInvocation invocation) {
		if (invocation instanceof ProxyMethodInvocation proxied) {
			return () -> proxied.invocableClone().proceed();
		}
		return invocation::proceed;
	}

	/**
	 * Runs the method.
	 * @param <T> the expected result type
	 * @param resultType the result type the method must return
	 * @return what the method returned, not {@code null}
	 * @throws Throwable whatever the method throws, or a {@link MemoizeException} if it
	 * returned {@code null} or something else than declared
	 */
	<T> T invoke(Class<T> resultType) throws Throwable {
		Object result = this.method.compute();
		if (!resultType.isInstance(result)) {
			throw new MemoizeException("@Memoize on " + this.func + ": the method returned "
					+ ((result != null) ? "a " + result.getClass().getName() : "null") + " instead of a "
					+ resultType.getSimpleName());
		}
		return resultType.cast(result);
	}

}
