/**
 * The method interceptor: parses {@code @Memoize} declarations once, checks them at
 * start-up, and serves memoized calls from their caches.
 */
package dev.memoize.interceptor;
