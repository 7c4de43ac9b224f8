/**
 * Values on the wire: JSON through Jackson 3, decoded against the declared type, and
 * opt-in Java serialization through an allow-list.
 */
package dev.memoize.codec;
