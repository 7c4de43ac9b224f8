package dev.memoize.interceptor;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.SpringProxy;
import org.springframework.aop.TargetClassAware;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.core.MethodClassKey;

import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;
import dev.memoize.key.MemoKey;

/**
 * Serves {@code @Memoize} methods from their cache: on a hit the method does not run, on
 * a miss it runs once for all concurrent callers of the key and its result is stored.
 * Methods that are not memoized, and calls whose {@code condition} is false, pass
 * straight through. Methods returning futures are served by {@link FutureInvocation},
 * methods returning {@code Mono} or {@code Flux} by {@link ReactiveInvocation}, neither
 * blocking the caller; {@code batch = true} methods are run by {@link BatchInvocation}.
 * Thread-safe.
 */
public class MemoizeInterceptor implements MethodInterceptor {

	private final MemoizeOperationSource operations;

	private final Supplier<MemoCacheManager> cacheManager;

	private final Supplier<String> defaultCache;

	private static final ClassValue<Class<?>> PLAIN_TARGET_CLASSES = new ClassValue<>() {

		@Override
		protected Class<?> computeValue(Class<?> type) {
			// what AopProxyUtils.ultimateTargetClass answers for an object of this class
			boolean cglibProxy = SpringProxy.class.isAssignableFrom(type) && type.getName().contains("$$");
			return cglibProxy ? type.getSuperclass() : type;
		}

	};

	private final ConcurrentHashMap<MethodClassKey, Binding> bindings = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<Method, Binding> lastBindings = new ConcurrentHashMap<>();

	private final FutureInvocation futures = new FutureInvocation();

	private final ReactiveInvocation reactive = ReactiveSupport.PRESENT ? new ReactiveInvocation() : null;

	/**
	 * Creates an interceptor. The manager and default cache name are looked up on the
	 * first call, so creating the interceptor early creates no cache.
	 * @param operations where operations come from
	 * @param cacheManager supplies the caches
	 * @param defaultCache supplies the name of the cache used when {@code cache} is empty
	 */
	public MemoizeInterceptor(MemoizeOperationSource operations, Supplier<MemoCacheManager> cacheManager,
			Supplier<String> defaultCache) {
		this.operations = operations;
		this.cacheManager = cacheManager;
		this.defaultCache = defaultCache;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Binding binding = binding(invocation.getMethod(), targetClass(target));
		if (binding.operation() == null) {
			return invocation.proceed();
		}
		MemoizeOperation operation = binding.operation();
		Object[] args = invocation.getArguments();
		if (!operation.passesCondition(target, args)) {
			return invocation.proceed();
		}
		if (operation.batch() != null) {
			return BatchInvocation.invoke(operation, binding.cache(), invocation);
		}
		MemoKey key = binding.cache().key(operation.func(), operation.inputs(args));
		ReturnKind kind = operation.returnKind();
		if (kind.isAsynchronous()) {
			return invokeAsynchronously(kind, AsyncCall.of(binding.cache(), operation, key, invocation));
		}
		Object value = binding.cache()
			.get(key, operation.valueType(), operation.writeOptions(target, args),
					() -> kind.unwrap(invocation.proceed()));
		return kind.wrap(value);
	}

	private Object invokeAsynchronously(ReturnKind kind, AsyncCall call) {
		return switch (kind) {
			case MONO -> this.reactive.mono(call);
			case FLUX -> this.reactive.flux(call);
			default -> this.futures.invoke(call);
		};
	}

	/**
	 * The class of the bean behind the proxy. For the usual target, a plain object, the
	 * answer depends only on its class and is remembered per class, sparing the CGLIB
	 * class-name check of {@link AopProxyUtils#ultimateTargetClass} on every call.
	 */
	private static Class<?> targetClass(Object target) {
		if (target == null) {
			return null;
		}
		if (target instanceof TargetClassAware) {
			return AopProxyUtils.ultimateTargetClass(target);
		}
		return PLAIN_TARGET_CLASSES.get(target.getClass());
	}

	/**
	 * The binding of a method on a target class. Nearly every method is called on one
	 * target class only, so the binding found last for a method is tried first, before
	 * the map keyed by method and class.
	 */
	private Binding binding(Method method, Class<?> targetClass) {
		Binding last = this.lastBindings.get(method);
		if (last != null && last.targetClass() == targetClass) {
			return last;
		}
		MethodClassKey key = new MethodClassKey(method, targetClass);
		Binding binding = this.bindings.get(key);
		if (binding == null) {
			MemoizeOperation operation = this.operations.operation(method, targetClass);
			binding = new Binding(targetClass, operation, (operation != null) ? cache(operation) : null);
			this.bindings.put(key, binding);
		}
		this.lastBindings.put(method, binding);
		return binding;
	}

	private MemoCache cache(MemoizeOperation operation) {
		String name = (operation.cacheName() != null) ? operation.cacheName() : this.defaultCache.get();
		return this.cacheManager.get().cache(name);
	}

	/**
	 * The operation and cache of a method on a target class; no operation when the method
	 * is not memoized.
	 */
	private record Binding(Class<?> targetClass, MemoizeOperation operation, MemoCache cache) {

	}

}
