package dev.memoize.interceptor;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.memoize.Memoize;
import dev.memoize.MemoCacheManager;
import dev.memoize.MemoizeException;

/**
 * Checks every {@code @Memoize} method of every singleton bean once all singletons exist,
 * so that a misused annotation or an unknown cache fails application start-up instead of
 * the first call. All problems are reported together, each naming its method.
 */
public class MemoizeMethodValidator implements SmartInitializingSingleton {

	private final ConfigurableListableBeanFactory beanFactory;

	private final MemoizeOperationSource operations;

	private final Supplier<MemoCacheManager> cacheManager;

	private final Supplier<String> defaultCache;

	/**
	 * Creates a validator.
	 * @param beanFactory the factory whose beans are checked
	 * @param operations where operations come from
	 * @param cacheManager supplies the configured caches
	 * @param defaultCache supplies the name of the default cache
	 */
	public MemoizeMethodValidator(ConfigurableListableBeanFactory beanFactory, MemoizeOperationSource operations,
			Supplier<MemoCacheManager> cacheManager, Supplier<String> defaultCache) {
		this.beanFactory = beanFactory;
		this.operations = operations;
		this.cacheManager = cacheManager;
		this.defaultCache = defaultCache;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> problems = new ArrayList<>();
		for (String beanName : this.beanFactory.getSingletonNames()) {
			Object bean = this.beanFactory.containsSingleton(beanName) ? this.beanFactory.getSingleton(beanName) : null;
			if (bean != null) {
				check(beanName, bean, problems);
			}
		}
		if (!problems.isEmpty()) {
			throw new MemoizeException("Invalid @Memoize declarations:\n - " + String.join("\n - ", problems));
		}
	}

	private void check(String beanName, Object bean, List<String> problems) {
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		Map<Method, Memoize> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<Memoize>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, Memoize.class));
		if (methods.isEmpty()) {
			return;
		}
		Set<String> caches = this.cacheManager.get().names();
		for (Method method : methods.keySet()) {
			try {
				MemoizeOperation operation = this.operations.operation(method, targetClass);
				String cache = (operation.cacheName() != null) ? operation.cacheName() : this.defaultCache.get();
				if (!caches.contains(cache)) {
					problems.add("@Memoize on " + OperationParser.describe(method) + ": cache '" + cache
							+ "' is not configured; configure it under memoize.caches." + cache + " or use one of "
							+ caches);
				}
				else if (!AopUtils.isAopProxy(bean)) {
					problems.add("@Memoize on " + OperationParser.describe(method) + ": bean '" + beanName
							+ "' is not proxied, so its calls cannot be memoized (it was created before the "
							+ "Memoize advisor, or its class is final)");
				}
			}
			catch (MemoizeException ex) {
				problems.add(ex.getMessage());
			}
		}
	}

}
