package dev.memoize.benchmarks.footprint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Splits the bytes reachable from a cache's table into parts: each part is the bytes its
 * roots add to the parts before it, so an object shared by several parts counts once, in
 * the first, and the last part, the table itself, takes what no part named.
 */
final class Breakdown {

	private final List<Object> roots = new ArrayList<>();

	private final List<Footprint.Part> parts = new ArrayList<>();

	private long counted;

	/**
	 * Adds a part.
	 * @param name what the roots are
	 * @param partRoots the objects of this part, one or more per entry
	 * @return this breakdown
	 */
	Breakdown part(String name, Collection<?> partRoots) {
		this.roots.addAll(partRoots);
		long total = Heap.size(this.roots);
		this.parts.add(new Footprint.Part(name, total - this.counted));
		this.counted = total;
		return this;
	}

	/**
	 * Completes the breakdown with the table.
	 * @param cache the cache's name
	 * @param entries how many entries the table holds
	 * @param table the table, reaching every root of every part
	 * @param tableName what the table holds beyond the parts
	 * @return the footprint
	 */
	Footprint table(String cache, int entries, Object table, String tableName) {
		long total = Heap.size(table);
		List<Footprint.Part> all = new ArrayList<>(this.parts);
		all.add(new Footprint.Part(tableName, total - this.counted));
		return new Footprint(cache, entries, total, List.copyOf(all));
	}

}
