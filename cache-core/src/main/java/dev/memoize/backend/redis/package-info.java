/**
 * The {@code redis} backend: each entry one Redis string under a key prefix, with Redis's
 * own expiry, through Spring Data Redis and Lettuce, on a standalone server or a Redis
 * Cluster.
 */
package dev.memoize.backend.redis;
