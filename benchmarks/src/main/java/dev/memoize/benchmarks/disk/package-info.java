/**
 * The measurement that chose the engine of the {@code disk} backend: candidate embedded
 * stores under its access pattern (point reads of about 1 KiB values by 64-hex keys,
 * single puts, batches of 100 puts), each put committed before it returns.
 */
package dev.memoize.benchmarks.disk;
