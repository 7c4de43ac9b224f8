/**
 * Heap held per entry: Memoize's {@code memory} backend filled through a real
 * {@code @Memoize} bean, against the Caffeine cache Spring's {@code @Cacheable} fills
 * through a {@code CaffeineCacheManager} and a plain Caffeine cache, measured with JOL.
 */
package dev.memoize.benchmarks.footprint;
