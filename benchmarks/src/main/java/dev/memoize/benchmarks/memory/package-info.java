/**
 * Memoize with the {@code memory} backend measured side by side, in the same run, with
 * Spring's {@code @Cacheable} on a {@code CaffeineCacheManager} and with Caffeine called
 * directly (the floor): hits, misses with a trivial method body, and the cost of
 * computing a key for typical arguments.
 */
package dev.memoize.benchmarks.memory;
