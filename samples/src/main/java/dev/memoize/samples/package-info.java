/**
 * The sample application: a slow language-model client and a recursive Fibonacci,
 * memoized, behind a few HTTP endpoints.
 */
package dev.memoize.samples;
