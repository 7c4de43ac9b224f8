/**
 * The {@code layered} backend: an ordered stack of other caches' backends, fastest first,
 * with promotion of lower-layer hits, write-through, write-back and write-around, and
 * invalidation of other instances' in-heap layers over Redis pub/sub.
 */
package dev.memoize.backend.layered;
