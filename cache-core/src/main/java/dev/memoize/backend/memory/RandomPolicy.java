package dev.memoize.backend.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Random eviction: keys in an array with their positions, so picking and removing a key
 * are both constant time.
 */
final class RandomPolicy implements EvictionPolicy {

	private final List<String> keys = new ArrayList<>();

	private final Map<String, Integer> positions = new HashMap<>();

	private final RandomGenerator random;

	RandomPolicy(RandomGenerator random) {
		this.random = random;
	}

	@Override
	public void added(String key) {
		this.positions.put(key, this.keys.size());
		this.keys.add(key);
	}

	@Override
	public void accessed(String key) {
	}

	@Override
	public void removed(String key) {
		Integer position = this.positions.remove(key);
		if (position == null) {
			return;
		}
		String last = this.keys.remove(this.keys.size() - 1);
		if (position < this.keys.size()) {
			this.keys.set(position, last);
			this.positions.put(last, position);
		}
	}

	@Override
	public String victim() {
		return this.keys.get(this.random.nextInt(this.keys.size()));
	}

}
