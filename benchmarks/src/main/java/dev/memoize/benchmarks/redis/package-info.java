/**
 * Memoize with the {@code redis} backend measured side by side, in the same run, against
 * the real Redis server, with Spring's {@code @Cacheable} on a {@code RedisCacheManager}
 * configured as Spring Boot configures it, and with a raw Lettuce {@code GET} (the
 * floor): hits, and batches of 100 keys of which 10 are new.
 */
package dev.memoize.benchmarks.redis;
