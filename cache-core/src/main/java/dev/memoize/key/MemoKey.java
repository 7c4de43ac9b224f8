package dev.memoize.key;

import java.util.Map;
import java.util.Objects;

/**
 * A call reduced to what identifies it: its key, and the function and inputs the key was
 * computed from.
 *
 * @param key lowercase hex SHA-256 of the canonical call
 * @param func the function name
 * @param inputs the arguments by parameter name, as given (excluded ones removed)
 */
public record MemoKey(String key, String func, Map<String, ?> inputs) {

	/**
	 * Checks that key and function are present.
	 */
	public MemoKey {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(func, "func");
		inputs = (inputs != null) ? inputs : Map.of();
	}

}
