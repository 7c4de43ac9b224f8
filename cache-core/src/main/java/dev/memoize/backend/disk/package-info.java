/**
 * The {@code disk} backend: entries in an embedded RocksDB store in a directory,
 * persistent and crash-safe, bounded by size with least-recently-used eviction.
 */
package dev.memoize.backend.disk;
