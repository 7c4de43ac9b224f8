/**
 * JMH benchmarks of Memoize and of the tools it is built on or compared with.
 */
package dev.memoize.benchmarks;
