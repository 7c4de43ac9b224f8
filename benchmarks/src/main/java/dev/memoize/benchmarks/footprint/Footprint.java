package dev.memoize.benchmarks.footprint;

import java.util.List;

/**
 * What one cache holds for its entries.
 *
 * @param name the cache
 * @param entries how many entries it holds
 * @param bytes the bytes of its table with every node, key and value, each object counted
 * once
 * @param parts where those bytes go, adding up to {@code bytes}
 */
public record Footprint(String name, int entries, long bytes, List<Part> parts) {

	/**
	 * Bytes per entry.
	 * @return {@code bytes / entries}
	 */
	public double bytesPerEntry() {
		return (double) this.bytes / this.entries;
	}

	/**
	 * One part of a footprint.
	 *
	 * @param name what the bytes hold
	 * @param bytes the bytes, for all entries
	 */
	public record Part(String name, long bytes) {

	}

}
