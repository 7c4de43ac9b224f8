/**
 * The {@code memory} backend: entries kept as live objects in the heap, bounded by count,
 * with Caffeine's W-TinyLFU or an LRU, LFU, FIFO or random policy.
 */
package dev.memoize.backend.memory;
