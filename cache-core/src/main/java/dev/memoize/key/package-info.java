/**
 * Keys: a call's function name and inputs, with the key version and configuration values,
 * hashed from canonical JSON with SHA-256.
 */
package dev.memoize.key;
