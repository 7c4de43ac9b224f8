package dev.memoize.interceptor;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;

import org.springframework.core.ResolvableType;
import org.springframework.expression.Expression;

import dev.memoize.ParameterMap;
import dev.memoize.WriteOptions;

/**
 * Everything the interceptor needs about one {@code @Memoize} method, parsed and checked
 * once at start-up so the hot path reads no annotation. Immutable.
 */
public final class MemoizeOperation {

	private final Method method;

	private final String func;

	private final String cacheName;

	private final String[] parameterNames;

	private final int[] keyedParameters;

	/** The names of the keyed parameters, shared by the inputs of every call. */
	private final String[] keyedNames;

	private final Map<String, String> metadata;

	private final Duration ttl;

	private final Expression condition;

	private final Expression unless;

	private final ReturnKind returnKind;

	private final ResolvableType valueType;

	private final WriteOptions writeOptions;

	private final BatchOperation batch;

	MemoizeOperation(Method method, String func, String cacheName, String[] parameterNames, int[] keyedParameters,
			Map<String, String> metadata, Duration ttl, Expression condition, Expression unless, ReturnKind returnKind,
			Class<?> targetClass, BatchOperation batch) {
		this.method = method;
		this.func = func;
		this.cacheName = cacheName;
		this.parameterNames = parameterNames;
		this.keyedParameters = keyedParameters;
		this.keyedNames = java.util.Arrays.stream(keyedParameters)
			.mapToObj((index) -> parameterNames[index])
			.toArray(String[]::new);
		this.metadata = Map.copyOf(metadata);
		this.ttl = ttl;
		this.condition = condition;
		this.unless = unless;
		this.returnKind = returnKind;
		this.valueType = concrete(
				returnKind.valueType((targetClass != null) ? ResolvableType.forMethodReturnType(method, targetClass)
						: ResolvableType.forMethodReturnType(method)));
		this.writeOptions = new WriteOptions(ttl, this.metadata, null);
		this.batch = batch;
	}

	/**
	 * The same type with every type variable replaced by what it resolves to (or
	 * {@code Object}), so that {@link ResolvableType#getType()}, which codecs read, names
	 * concrete classes: {@code T load()} of a {@code Repository<T>} bean declared as
	 * {@code Repository<Answer>} decodes to {@code Answer}.
	 */
	static ResolvableType concrete(ResolvableType type) {
		if (type.getType() instanceof Class) {
			return type;
		}
		if (type.isArray()) {
			return ResolvableType.forArrayComponent(concrete(type.getComponentType()));
		}
		Class<?> raw = type.resolve(Object.class);
		ResolvableType[] generics = type.getGenerics();
		if (generics.length == 0 || generics.length != raw.getTypeParameters().length) {
			return ResolvableType.forClass(raw);
		}
		ResolvableType[] resolved = new ResolvableType[generics.length];
		for (int i = 0; i < generics.length; i++) {
			resolved[i] = concrete(generics[i]);
		}
		return ResolvableType.forClassWithGenerics(raw, resolved);
	}

	/**
	 * The annotated method.
	 * @return the method
	 */
	public Method method() {
		return this.method;
	}

	/**
	 * The function name used in keys.
	 * @return the function name
	 */
	public String func() {
		return this.func;
	}

	/**
	 * The cache name, or {@code null} for the default cache.
	 * @return the cache name
	 */
	public String cacheName() {
		return this.cacheName;
	}

	/**
	 * The metadata pairs every entry of this method carries.
	 * @return the metadata
	 */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	/**
	 * The time to live of this method's entries, or {@code null} for the cache's.
	 * @return the time to live
	 */
	public Duration ttl() {
		return this.ttl;
	}

	ResolvableType valueType() {
		return this.valueType;
	}

	ReturnKind returnKind() {
		return this.returnKind;
	}

	/**
	 * The batch declaration of a {@code batch = true} method.
	 * @return the batch operation, or {@code null} when the method is memoized whole
	 */
	BatchOperation batch() {
		return this.batch;
	}

	/**
	 * The arguments that take part in the key, by parameter name.
	 * @param args the call's arguments
	 * @return the inputs
	 */
	Map<String, Object> inputs(Object[] args) {
		Object[] values = new Object[this.keyedParameters.length];
		for (int i = 0; i < values.length; i++) {
			values[i] = args[this.keyedParameters[i]];
		}
		return ParameterMap.of(this.keyedNames, values);
	}

	boolean passesCondition(Object target, Object[] args) {
		return this.condition == null || MemoizeExpressions.test(this.condition, this, target, args, null, false);
	}

	WriteOptions writeOptions(Object target, Object[] args) {
		if (this.unless == null) {
			return this.writeOptions;
		}
		return new WriteOptions(this.ttl, this.metadata,
				(result) -> MemoizeExpressions.test(this.unless, this, target, args, result, true));
	}

	String[] parameterNames() {
		return this.parameterNames;
	}

	@Override
	public String toString() {
		return this.func;
	}

}
