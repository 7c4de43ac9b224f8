/**
 * The engine behind each cache: keys, encoding, expiry, statistics, events, fault
 * handling and single-flight computation, and the manager of named caches.
 */
package dev.memoize.support;
