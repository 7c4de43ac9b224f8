/**
 * The {@code memoize} Actuator endpoint: caches, their entries, eviction, export, import
 * and copy.
 */
package dev.memoize.autoconfigure.endpoint;
