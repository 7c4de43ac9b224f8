package dev.memoize;

import java.util.Optional;

import dev.memoize.key.MemoKey;

/**
 * Answers lookups of {@code callback} caches from somewhere else: a fixture file, another
 * service, a human. Declare one as a bean; feeds are asked in their {@code @Order}, and
 * the first answer wins. A feed that throws is logged and skipped.
 */
@FunctionalInterface
public interface MemoizeFeed {

	/**
	 * Answers a lookup, or declines.
	 * @param cache the cache name
	 * @param key the key, function and inputs of the call
	 * @return the value to serve, or empty to let the next feed (or the method) answer; a
	 * value of another shape than the method's return type (say a {@code Map}) is
	 * converted to it through JSON
	 */
	Optional<Object> answer(String cache, MemoKey key);

}
