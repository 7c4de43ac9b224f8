/**
 * Tests of memoized calls while a cache's backend fails: a server cut off or hung behind
 * a proxy, a directory that is no longer one.
 */
package dev.memoize.autoconfigure.faults;
