/**
 * Memoize with the {@code jdbc} backend measured side by side, in the same run, against
 * the real PostgreSQL server: hits against a plain {@code JdbcTemplate} primary-key
 * select of the same row (the floor), and batches of 100 keys of which 10 are new against
 * Spring's {@code @Cacheable} on the JdbcTemplate cache a user would write by hand, since
 * Spring has no JDBC {@code CacheManager}.
 */
package dev.memoize.benchmarks.jdbc;
