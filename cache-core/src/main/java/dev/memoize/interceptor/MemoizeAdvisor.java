package dev.memoize.interceptor;

import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;

/**
 * The advisor that applies {@link MemoizeInterceptor} to {@code @Memoize} methods through
 * Spring's auto-proxying, with no AspectJ weaving.
 */
public class MemoizeAdvisor extends AbstractPointcutAdvisor {

	private final transient MemoizePointcut pointcut;

	private final transient MemoizeInterceptor interceptor;

	/**
	 * Creates the advisor.
	 * @param operations where operations come from
	 * @param interceptor the interceptor to apply
	 */
	public MemoizeAdvisor(MemoizeOperationSource operations, MemoizeInterceptor interceptor) {
		this.pointcut = new MemoizePointcut(operations);
		this.interceptor = interceptor;
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

}
