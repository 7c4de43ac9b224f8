/**
 * Health of Memoize's caches whose store is a server: one indicator per Redis or JDBC
 * cache, under a {@code memoize} contributor.
 */
package dev.memoize.autoconfigure.health;
