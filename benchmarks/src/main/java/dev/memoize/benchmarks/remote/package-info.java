/**
 * What the Redis and PostgreSQL benchmarks share: where the servers are, the
 * {@code @Memoize} and {@code @Cacheable} beans measured against each other, the values
 * they return and the moving window of batch arguments.
 */
package dev.memoize.benchmarks.remote;
