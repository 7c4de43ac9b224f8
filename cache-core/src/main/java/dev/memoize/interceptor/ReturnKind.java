package dev.memoize.interceptor;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.springframework.core.ResolvableType;

/**
 * How a memoized method hands back its value, and so how the stored value is unwrapped
 * and wrapped again.
 */
enum ReturnKind {

	/** The value itself, {@code null} included. */
	PLAIN {
		@Override
		ResolvableType valueType(ResolvableType returnType) {
			return returnType;
		}

		@Override
		Object unwrap(Object returned) {
			return returned;
		}

		@Override
		Object wrap(Object stored) {
			return stored;
		}
	},

	/** An {@link Optional}: its content is stored, {@code null} for empty. */
	OPTIONAL {
		@Override
		ResolvableType valueType(ResolvableType returnType) {
			return returnType.getGeneric(0);
		}

		@Override
		Object unwrap(Object returned) {
			return (returned != null) ? ((Optional<?>) returned).orElse(null) : null;
		}

		@Override
		Object wrap(Object stored) {
			return Optional.ofNullable(stored);
		}
	},

	/**
	 * A {@link CompletableFuture} or {@link CompletionStage}: the value it completes with
	 * is stored, served by {@link FutureInvocation}.
	 */
	FUTURE {
		@Override
		ResolvableType valueType(ResolvableType returnType) {
			return returnType.getGeneric(0);
		}
	},

	/**
	 * A Reactor {@code Mono}: its value is stored, {@code null} when it completes empty;
	 * served by {@link ReactiveInvocation}.
	 */
	MONO {
		@Override
		ResolvableType valueType(ResolvableType returnType) {
			return returnType.getGeneric(0);
		}
	},

	/**
	 * A Reactor {@code Flux}: the list of its elements is stored once it completes;
	 * served by {@link ReactiveInvocation}.
	 */
	FLUX {
		@Override
		ResolvableType valueType(ResolvableType returnType) {
			ResolvableType element = returnType.getGeneric(0);
			return ResolvableType.forClassWithGenerics(List.class,
					(element.resolve() != null) ? element : ResolvableType.forClass(Object.class));
		}
	};

	private static final String MONO_CLASS = "reactor.core.publisher.Mono";

	private static final String FLUX_CLASS = "reactor.core.publisher.Flux";

	/**
	 * The type of the value that is stored.
	 * @param returnType the method's generic return type
	 * @return the stored value's type
	 */
	abstract ResolvableType valueType(ResolvableType returnType);

	/**
	 * The value to store from what the method returned.
	 * @param returned the method's result
	 * @return the value to store
	 */
	Object unwrap(Object returned) {
		throw new IllegalStateException(name() + " results are not unwrapped synchronously");
	}

	/**
	 * What the caller receives for a stored value.
	 * @param stored the stored value
	 * @return the method's result
	 */
	Object wrap(Object stored) {
		throw new IllegalStateException(name() + " results are not wrapped synchronously");
	}

	/**
	 * Whether the method hands its value back later, so it is served without blocking.
	 * @return {@code true} for futures, {@code Mono} and {@code Flux}
	 */
	boolean isAsynchronous() {
		return this == FUTURE || this == MONO || this == FLUX;
	}

	static ReturnKind of(Class<?> returnType) {
		if (returnType == Optional.class) {
			return OPTIONAL;
		}
		if (returnType == CompletableFuture.class || returnType == CompletionStage.class) {
			return FUTURE;
		}
		if (returnType.getName().equals(MONO_CLASS)) {
			return MONO;
		}
		if (returnType.getName().equals(FLUX_CLASS)) {
			return FLUX;
		}
		return PLAIN;
	}

}
