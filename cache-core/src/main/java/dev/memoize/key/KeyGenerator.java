package dev.memoize.key;

import java.util.Map;

/**
 * Turns a function name and its inputs into a {@link MemoKey}.
 *
 * <p>
 * Implementations must be thread-safe and deterministic: the same function and inputs
 * give the same key in any JVM, on any day, for as long as the configuration is
 * unchanged.
 */
@FunctionalInterface
public interface KeyGenerator {

	/**
	 * Computes the key of a call.
	 * @param func the function name
	 * @param inputs the arguments by parameter name; values may be {@code null}
	 * @return the key
	 * @throws dev.memoize.MemoizeException if an input cannot be turned into JSON
	 */
	MemoKey generate(String func, Map<String, ?> inputs);

}
