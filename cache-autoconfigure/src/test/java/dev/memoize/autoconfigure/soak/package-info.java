/**
 * Soak tests: every backend under 64 threads for about a minute, checking that no call
 * fails, no write is lost and a key is computed once while nothing evicts it.
 */
package dev.memoize.autoconfigure.soak;
