package dev.memoize;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method whose results are memoized: a second call with the same inputs
 * returns the stored result instead of running the method again.
 *
 * <p>
 * The key of a call is built from the function name, the arguments by parameter name
 * (without the {@link #exclude() excluded} ones), {@code memoize.key.version} and the
 * values of {@code memoize.key.include-properties}. Exceptions are never cached, and
 * concurrent calls with the same key compute once per JVM.
 *
 * <p>
 * A method may return a value ({@code null} and {@code Optional} included), a
 * {@code CompletableFuture} or {@code CompletionStage}, or a Reactor {@code Mono} or
 * {@code Flux}. The value inside is stored: what the future completes with, the
 * {@code Mono}'s value ({@code null} for empty), the {@code Flux}'s elements as a list,
 * only once it completes. Calls of such methods never block the caller's thread.
 *
 * <p>
 * Like Spring's {@code @Cacheable}, the annotation works through a proxy: a bean calling
 * its own method directly (self-invocation) is not intercepted. Every misuse of the
 * annotation (a {@code void} method, an unknown parameter in {@link #exclude()}, a
 * malformed {@link #annotation()} pair or {@link #ttl()}, an unknown {@link #cache()})
 * fails application start-up with a message naming the method.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Memoize {

	/**
	 * Name of a cache configured under {@code memoize.caches}. Empty means
	 * {@code memoize.default-cache}.
	 * @return the cache name
	 */
	String cache() default "";

	/**
	 * Parameter names left out of the key, such as debug flags, request ids or callbacks.
	 * @return the excluded parameter names
	 */
	String[] exclude() default {};

	/**
	 * {@code key=value} pairs stored in the metadata of every entry this method writes,
	 * for filtering, inspection and eviction.
	 * @return the metadata pairs
	 */
	String[] annotation() default {};

	/**
	 * Time to live of the entries this method writes, in Spring Boot's duration form
	 * ({@code 30s}, {@code 10m}, {@code 7d}) or ISO-8601 ({@code PT10M}). Empty means the
	 * cache's own time to live.
	 * @return the time to live
	 */
	String ttl() default "";

	/**
	 * Stable function name used in the key. Empty means the declaring class, method name
	 * and parameter types, such as {@code com.acme.LlmService#ask(String,String)}. Give a
	 * name to keep keys when the class or method is renamed.
	 * @return the function name
	 */
	String name() default "";

	/**
	 * SpEL expression that must be {@code true} for the call to use the cache at all.
	 * Parameters are available by name ({@code #prompt}). Empty means always.
	 * @return the condition
	 */
	String condition() default "";

	/**
	 * SpEL expression evaluated after the method ran; when {@code true} the result is not
	 * stored. The result is {@code #result}, parameters are available by name.
	 * @return the veto expression
	 */
	String unless() default "";

	/**
	 * Whether each element of the first {@code List}, {@code Collection} or {@code Set}
	 * parameter is memoized on its own, keyed as if the method had been called with that
	 * one element (the other parameters included unless excluded).
	 * <p>
	 * The stored elements come from one bulk read; the method runs once with only the
	 * others, each distinct one once, in input order, in a collection of the parameter's
	 * declared kind; its values are stored with one bulk write and the result is stitched
	 * back in input order. The method returns {@code List<V>} (one value per element it
	 * was given, in order), {@code Map<K,V>} (an entry per element it was given),
	 * {@code Flux<V>} (one value per element, in order), {@code Mono<List<V>>} or
	 * {@code Mono<Map<K,V>>}; a result that does not match the elements it was given is a
	 * {@link MemoizeException} and nothing is stored. An empty batch returns an empty
	 * result without calling the method. {@link #condition()} is evaluated once per call;
	 * {@link #unless()} once per computed element, with {@code #result} that element's
	 * value and the batch parameter standing for the element. Concurrent batch calls do
	 * not share computations.
	 * @return whether this is a batch method
	 */
	boolean batch() default false;

}
