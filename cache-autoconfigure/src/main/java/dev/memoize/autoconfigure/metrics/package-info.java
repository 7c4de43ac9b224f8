/**
 * Micrometer meters of Memoize's caches: gets by result, puts, evictions, errors and
 * computation time, read from each cache's statistics.
 */
package dev.memoize.autoconfigure.metrics;
