/**
 * The {@code file} backend: one pretty-printed JSON file per entry, in sharded folders,
 * written atomically and readable and editable by hand.
 */
package dev.memoize.backend.file;
