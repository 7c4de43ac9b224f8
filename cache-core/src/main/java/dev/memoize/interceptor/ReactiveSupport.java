package dev.memoize.interceptor;

import org.springframework.util.ClassUtils;

/**
 * Tells whether Reactor is on the class path. The classes that use Reactor
 * ({@link ReactiveInvocation}) are loaded only when it is, so an application without
 * Reactor memoizes its other methods as usual.
 */
final class ReactiveSupport {

	/** Whether Reactor's {@code Mono} and {@code Flux} can be loaded. */
	static final boolean PRESENT = ClassUtils.isPresent("reactor.core.publisher.Flux",
			ReactiveSupport.class.getClassLoader());

	private ReactiveSupport() {
	}

}
