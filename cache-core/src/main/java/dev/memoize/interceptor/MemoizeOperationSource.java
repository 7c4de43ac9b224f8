package dev.memoize.interceptor;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.memoize.Memoize;

/**
 * Finds the {@code @Memoize} operation of a method, parsing each method once. The
 * annotation is looked up on the most specific method of the target class, so it may sit
 * on an implementation or on an interface it overrides. Thread-safe.
 */
public class MemoizeOperationSource {

	private final ConcurrentHashMap<MethodClassKey, Optional<MemoizeOperation>> operations = new ConcurrentHashMap<>();

	/**
	 * The operation of a method.
	 * @param method the invoked method
	 * @param targetClass the target class, or {@code null}
	 * @return the operation, or {@code null} when the method is not memoized
	 * @throws dev.memoize.MemoizeException if the annotation is misused
	 */
	public MemoizeOperation operation(Method method, Class<?> targetClass) {
		MethodClassKey key = new MethodClassKey(method, targetClass);
		Optional<MemoizeOperation> operation = this.operations.get(key);
		if (operation == null) {
			operation = Optional.ofNullable(parse(method, targetClass));
			this.operations.put(key, operation);
		}
		return operation.orElse(null);
	}

	/**
	 * Whether a method carries {@code @Memoize}, without parsing it.
	 * @param method the method
	 * @param targetClass the target class, or {@code null}
	 * @return {@code true} when annotated
	 */
	public boolean isMemoized(Method method, Class<?> targetClass) {
		return annotation(AopUtils.getMostSpecificMethod(method, targetClass)) != null;
	}

	private static MemoizeOperation parse(Method method, Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		Memoize memoize = annotation(specific);
		if (memoize == null && specific != method) {
			memoize = annotation(method);
		}
		return (memoize != null) ? OperationParser.parse(specific, memoize, targetClass) : null;
	}

	private static Memoize annotation(Method method) {
		return AnnotatedElementUtils.findMergedAnnotation(method, Memoize.class);
	}

}
