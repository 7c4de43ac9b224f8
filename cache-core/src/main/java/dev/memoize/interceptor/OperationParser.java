package dev.memoize.interceptor;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.springframework.core.ResolvableType;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;

import dev.memoize.Memoize;
import dev.memoize.MemoizeException;

/**
 * Turns a {@code @Memoize} method into a {@link MemoizeOperation}, collecting every
 * problem with the declaration into one {@link MemoizeException} that names the method.
 */
final class OperationParser {

	private static final List<String> REACTIVE_TYPES = List.of("reactor.core.publisher.Mono",
			"reactor.core.publisher.Flux", "org.reactivestreams.Publisher");

	private OperationParser() {
	}

	static MemoizeOperation parse(Method method, Memoize memoize, Class<?> targetClass) {
		List<String> problems = new ArrayList<>();
		checkInterceptable(method, problems);
		checkReturnType(method, memoize, problems);
		String[] names = parameterNames(method, problems);
		int[] keyed = keyedParameters(names, memoize.exclude(), problems);
		Map<String, String> metadata = metadata(memoize.annotation(), problems);
		Duration ttl = ttl(memoize.ttl(), problems);
		Expression condition = expression("condition", memoize.condition(), problems);
		Expression unless = expression("unless", memoize.unless(), problems);
		BatchOperation batch = memoize.batch()
				? BatchOperation.parse(method, targetClass, names, memoize.exclude(), problems) : null;
		if (!problems.isEmpty()) {
			throw new MemoizeException("@Memoize on " + describe(method) + ": " + String.join("; ", problems));
		}
		String cache = memoize.cache().isBlank() ? null : memoize.cache().trim();
		return new MemoizeOperation(method, func(method, memoize), cache, names, keyed, metadata, ttl, condition,
				unless, ReturnKind.of(method.getReturnType()), targetClass, batch);
	}

	/**
	 * The default function name: {@code com.acme.Service#method(Type,Type)}.
	 */
	static String func(Method method, Memoize memoize) {
		if (!memoize.name().isBlank()) {
			return memoize.name().trim();
		}
		return method.getDeclaringClass().getName() + "#" + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(","))
				+ ")";
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
				+ ")";
	}

	private static void checkInterceptable(Method method, List<String> problems) {
		int modifiers = method.getModifiers();
		if (Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers) || Modifier.isFinal(modifiers)) {
			problems.add("the method is "
					+ Modifier.toString(modifiers & (Modifier.STATIC | Modifier.PRIVATE | Modifier.FINAL))
					+ ", so a proxy cannot intercept it; make it a public, non-final instance method");
		}
	}

	private static void checkReturnType(Method method, Memoize memoize, List<String> problems) {
		Class<?> type = method.getReturnType();
		if (type == void.class || type == Void.class) {
			problems.add("the method returns void, so there is nothing to memoize");
		}
		else if (ReturnKind.of(type).isAsynchronous()
				&& ResolvableType.forMethodReturnType(method).getGeneric(0).resolve() == Void.class) {
			problems.add("the method returns " + type.getSimpleName()
					+ "<Void>, which completes without a value, so there is nothing to memoize");
		}
		else if (!ReturnKind.of(type).isAsynchronous() && (CompletionStage.class.isAssignableFrom(type)
				|| Future.class.isAssignableFrom(type) || isReactive(type))) {
			problems.add("return type " + type.getSimpleName()
					+ " is asynchronous but not one Memoize serves; declare CompletableFuture, CompletionStage, "
					+ "Mono or Flux");
		}
	}

	private static boolean isReactive(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (REACTIVE_TYPES.contains(candidate.getName())) {
				return true;
			}
			for (Class<?> face : candidate.getInterfaces()) {
				if (REACTIVE_TYPES.contains(face.getName())) {
					return true;
				}
			}
		}
		return false;
	}

	private static String[] parameterNames(Method method, List<String> problems) {
		Parameter[] parameters = method.getParameters();
		String[] names = new String[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			if (!parameters[i].isNamePresent()) {
				problems.add("parameter names are not available; compile with -parameters (Spring Boot's Maven and "
						+ "Gradle plugins do so by default)");
				return names;
			}
			names[i] = parameters[i].getName();
		}
		return names;
	}

	private static int[] keyedParameters(String[] names, String[] exclude, List<String> problems) {
		List<String> known = Arrays.asList(names);
		List<String> excluded = new ArrayList<>();
		for (String name : exclude) {
			String trimmed = name.trim();
			if (!known.contains(trimmed)) {
				problems.add("exclude names '" + name + "', which is not a parameter; the parameters are " + known);
			}
			excluded.add(trimmed);
		}
		return java.util.stream.IntStream.range(0, names.length).filter((i) -> !excluded.contains(names[i])).toArray();
	}

	private static Map<String, String> metadata(String[] pairs, List<String> problems) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (String pair : pairs) {
			int equals = pair.indexOf('=');
			String name = (equals > 0) ? pair.substring(0, equals).trim() : "";
			if (name.isEmpty()) {
				problems.add("annotation '" + pair + "' is not a key=value pair");
			}
			else if (metadata.put(name, pair.substring(equals + 1).trim()) != null) {
				problems.add("annotation names '" + name + "' twice");
			}
		}
		return metadata;
	}

	private static Duration ttl(String text, List<String> problems) {
		if (text.isBlank()) {
			return null;
		}
		try {
			Duration ttl = Durations.parse(text);
			if (ttl.isNegative() || ttl.isZero()) {
				problems.add("ttl '" + text + "' must be positive");
			}
			return ttl;
		}
		catch (IllegalArgumentException ex) {
			problems.add("ttl " + ex.getMessage());
			return null;
		}
	}

	private static Expression expression(String attribute, String text, List<String> problems) {
		if (text.isBlank()) {
			return null;
		}
		try {
			return MemoizeExpressions.parse(text);
		}
		catch (ParseException ex) {
			problems.add(attribute + " '" + text + "' is not valid SpEL: " + ex.getMessage());
			return null;
		}
	}

}
