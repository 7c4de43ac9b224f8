/**
 * The {@code noop} backend: stores nothing, every call computes.
 */
package dev.memoize.backend.noop;
