package dev.memoize.backend.memory;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * Least frequently used: keys grouped by access count; the victim is the oldest key of
 * the lowest count.
 */
final class LfuPolicy implements EvictionPolicy {

	private final Map<String, Integer> counts = new HashMap<>();

	private final TreeMap<Integer, LinkedHashSet<String>> byCount = new TreeMap<>();

	@Override
	public void added(String key) {
		this.counts.put(key, 1);
		this.byCount.computeIfAbsent(1, (count) -> new LinkedHashSet<>()).add(key);
	}

	@Override
	public void accessed(String key) {
		Integer count = this.counts.get(key);
		if (count != null) {
			unlink(key, count);
			this.counts.put(key, count + 1);
			this.byCount.computeIfAbsent(count + 1, (c) -> new LinkedHashSet<>()).add(key);
		}
	}

	@Override
	public void removed(String key) {
		Integer count = this.counts.remove(key);
		if (count != null) {
			unlink(key, count);
		}
	}

	private void unlink(String key, int count) {
		LinkedHashSet<String> keys = this.byCount.get(count);
		keys.remove(key);
		if (keys.isEmpty()) {
			this.byCount.remove(count);
		}
	}

	@Override
	public String victim() {
		return this.byCount.firstEntry().getValue().iterator().next();
	}

}
