/**
 * The backend SPI: where a cache's entries live. {@link dev.memoize.backend.CacheBackend}
 * is shaped for remote stores (bulk reads and writes, per-entry time to live, filtered
 * and paged iteration, results that tell a miss from a failure).
 */
package dev.memoize.backend;
