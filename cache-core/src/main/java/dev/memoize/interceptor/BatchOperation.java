package dev.memoize.interceptor;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.ResolvableType;

/**
 * What a {@code @Memoize(batch = true)} method is, parsed and checked once at start-up:
 * which parameter is the batch and what collection it takes, which of the five result
 * forms the method returns, and the type of one element's value, which stored values are
 * decoded to. Immutable.
 */
final class BatchOperation {

	private static final String FLUX_CLASS = "reactor.core.publisher.Flux";

	private static final String MONO_CLASS = "reactor.core.publisher.Mono";

	private final int parameterIndex;

	private final Kind kind;

	private final Form form;

	private final ResolvableType valueType;

	private BatchOperation(int parameterIndex, Kind kind, Form form, ResolvableType valueType) {
		this.parameterIndex = parameterIndex;
		this.kind = kind;
		this.form = form;
		this.valueType = valueType;
	}

	/**
	 * Parses the batch declaration of a method, adding what is wrong with it to the
	 * problems.
	 * @param method the method
	 * @param targetClass the class its generic return type is resolved against, or
	 * {@code null}
	 * @param names the parameter names; an unavailable name is {@code null}
	 * @param exclude the excluded parameter names
	 * @param problems where problems are added
	 * @return the batch operation, or {@code null} when the declaration is wrong
	 */
	static BatchOperation parse(Method method, Class<?> targetClass, String[] names, String[] exclude,
			List<String> problems) {
		Class<?>[] types = method.getParameterTypes();
		int index = 0;
		while (index < types.length && Kind.of(types[index]) == null) {
			index++;
		}
		if (index == types.length) {
			problems.add("batch = true needs a List, Collection or Set parameter, whose elements are memoized one by "
					+ "one; the parameter types are " + Arrays.stream(types).map(Class::getSimpleName).toList());
			return null;
		}
		String name = names[index];
		if (name != null && Arrays.stream(exclude).map(String::trim).anyMatch(name::equals)) {
			problems.add("exclude names the batch parameter '" + name + "', whose elements are what is keyed");
		}
		ResolvableType returnType = (targetClass != null) ? ResolvableType.forMethodReturnType(method, targetClass)
				: ResolvableType.forMethodReturnType(method);
		Class<?> returned = returnType.toClass();
		if (returned == void.class || returned == Void.class) {
			return null;
		}
		Form form = Form.of(returnType);
		if (form == null) {
			problems.add("batch = true needs a return type of List<V>, Map<K,V>, Flux<V>, Mono<List<V>> or "
					+ "Mono<Map<K,V>>, not " + returnType);
			return null;
		}
		ResolvableType valueType = form.valueType(returnType);
		if (!isTold(valueType)) {
			problems.add("the type of one element's value cannot be told from return type " + returnType
					+ "; declare it, as in List<Answer>");
			return null;
		}
		return new BatchOperation(index, Kind.of(types[index]), form, MemoizeOperation.concrete(valueType));
	}

	/**
	 * Whether a type argument names a type: not missing, not a bare wildcard, not a type
	 * variable that resolves to nothing but {@code Object}.
	 */
	private static boolean isTold(ResolvableType type) {
		Class<?> resolved = type.resolve();
		return resolved != null && (resolved != Object.class || type.getType() == Object.class);
	}

	/**
	 * The position of the batch parameter.
	 * @return the index
	 */
	int parameterIndex() {
		return this.parameterIndex;
	}

	/**
	 * The form the method returns its values in.
	 * @return the form
	 */
	Form form() {
		return this.form;
	}

	/**
	 * The declared type of one element's value.
	 * @return the value type
	 */
	ResolvableType valueType() {
		return this.valueType;
	}

	/**
	 * A collection of the parameter's declared kind holding the elements, in order.
	 * @param elements the elements
	 * @return an {@code ArrayList} for a {@code List} or {@code Collection} parameter, a
	 * {@code LinkedHashSet} for a {@code Set} parameter
	 */
	Collection<Object> collection(List<?> elements) {
		return this.kind.collection(elements);
	}

	/**
	 * The collection kinds a batch parameter may be declared as.
	 */
	private enum Kind {

		LIST(List.class), COLLECTION(Collection.class), SET(Set.class) {
			@Override
			Collection<Object> collection(List<?> elements) {
				return new LinkedHashSet<>(elements);
			}
		};

		private final Class<?> type;

		Kind(Class<?> type) {
			this.type = type;
		}

		Collection<Object> collection(List<?> elements) {
			return new ArrayList<>(elements);
		}

		static Kind of(Class<?> type) {
			for (Kind kind : values()) {
				if (kind.type == type) {
					return kind;
				}
			}
			return null;
		}

	}

	/**
	 * The forms a batch method may return its values in.
	 */
	enum Form {

		/** {@code List<V>}: one value per element it was given, in order. */
		LIST(false, false),

		/** {@code Map<K,V>}: the value of each element it was given, by element. */
		MAP(false, true),

		/** {@code Flux<V>}: one value per element it was given, in order. */
		FLUX(true, false),

		/** {@code Mono<List<V>>}: one value per element it was given, in order. */
		MONO_LIST(true, false),

		/** {@code Mono<Map<K,V>>}: the value of each element it was given, by element. */
		MONO_MAP(true, true);

		private final boolean reactive;

		private final boolean keyedByElement;

		Form(boolean reactive, boolean keyedByElement) {
			this.reactive = reactive;
			this.keyedByElement = keyedByElement;
		}

		/**
		 * Whether the method returns a Reactor publisher.
		 * @return {@code true} for {@code Flux} and {@code Mono}
		 */
		boolean isReactive() {
			return this.reactive;
		}

		/**
		 * Whether values come as a map by element rather than a list in order.
		 * @return {@code true} for the map forms
		 */
		boolean isKeyedByElement() {
			return this.keyedByElement;
		}

		ResolvableType valueType(ResolvableType returnType) {
			return switch (this) {
				case LIST, FLUX -> returnType.getGeneric(0);
				case MAP -> returnType.getGeneric(1);
				case MONO_LIST -> returnType.getGeneric(0).getGeneric(0);
				case MONO_MAP -> returnType.getGeneric(0).getGeneric(1);
			};
		}

		/**
		 * The form of a return type, Reactor's types told by name so that this class
		 * loads without Reactor.
		 */
		static Form of(ResolvableType returnType) {
			Class<?> type = returnType.toClass();
			if (type == List.class) {
				return LIST;
			}
			if (type == Map.class) {
				return MAP;
			}
			if (type.getName().equals(FLUX_CLASS)) {
				return FLUX;
			}
			if (type.getName().equals(MONO_CLASS)) {
				Class<?> content = returnType.getGeneric(0).toClass();
				return (content == List.class) ? MONO_LIST : (content == Map.class) ? MONO_MAP : null;
			}
			return null;
		}

	}

}
