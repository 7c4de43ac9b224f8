/**
 * Tests of stored data the engine did not write as it reads it: damaged records, values
 * written by older versions of their classes, and hostile payloads naming gadget classes,
 * each over every persistent backend.
 */
package dev.memoize.stored;
