package dev.memoize.interceptor;

import java.lang.reflect.Method;

import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Matches the methods that carry {@code @Memoize}.
 */
class MemoizePointcut extends StaticMethodMatcherPointcut {

	private final MemoizeOperationSource operations;

	MemoizePointcut(MemoizeOperationSource operations) {
		this.operations = operations;
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return this.operations.isMemoized(method, targetClass);
	}

}
