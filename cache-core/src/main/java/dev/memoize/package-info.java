/**
 * Memoize's public API: the {@link dev.memoize.Memoize} annotation, cache entries, the
 * programmatic {@link dev.memoize.MemoCache} and {@link dev.memoize.MemoCacheManager},
 * and the listener and feed callbacks.
 */
package dev.memoize;
