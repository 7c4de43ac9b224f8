package dev.memoize.interceptor;

import java.util.Optional;

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
	};

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
	abstract Object unwrap(Object returned);

	/**
	 * What the caller receives for a stored value.
	 * @param stored the stored value
	 * @return the method's result
	 */
	abstract Object wrap(Object stored);

	static ReturnKind of(Class<?> returnType) {
		return (returnType == Optional.class) ? OPTIONAL : PLAIN;
	}

}
