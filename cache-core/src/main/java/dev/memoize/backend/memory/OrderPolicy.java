package dev.memoize.backend.memory;

import java.util.LinkedHashSet;

/**
 * LRU or FIFO: keys in the order they were stored, moved to the end on access when
 * {@code accessOrder} is set; the first key is the victim.
 */
final class OrderPolicy implements EvictionPolicy {

	private final LinkedHashSet<String> order = new LinkedHashSet<>();

	private final boolean accessOrder;

	OrderPolicy(boolean accessOrder) {
		this.accessOrder = accessOrder;
	}

	@Override
	public void added(String key) {
		this.order.add(key);
	}

	@Override
	public void accessed(String key) {
		if (this.accessOrder && this.order.remove(key)) {
			this.order.add(key);
		}
	}

	@Override
	public void removed(String key) {
		this.order.remove(key);
	}

	@Override
	public String victim() {
		return this.order.iterator().next();
	}

}
