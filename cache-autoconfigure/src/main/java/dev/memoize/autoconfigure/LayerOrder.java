package dev.memoize.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which caches are created: configuration order, except that a layered cache
 * comes after the caches it is layered over. Rejects layers that are not caches, a cache
 * layered over itself, and cycles.
 */
final class LayerOrder {

	private final Map<String, List<String>> layers;

	private final List<String> order = new ArrayList<>();

	private final Set<String> done = new LinkedHashSet<>();

	private final LinkedHashSet<String> path = new LinkedHashSet<>();

	private LayerOrder(Map<String, List<String>> layers) {
		this.layers = layers;
	}

	/**
	 * Orders the caches.
	 * @param layers the layers of each cache, by cache name in configuration order; an
	 * empty list for caches that are not layered
	 * @return the cache names in creation order
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * naming {@code memoize.caches.<name>.layered.layers} when a layer is unknown, is the
	 * cache itself, or closes a cycle
	 */
	static List<String> of(Map<String, List<String>> layers) {
		LayerOrder order = new LayerOrder(layers);
		layers.keySet().forEach(order::visit);
		return order.order;
	}

	private void visit(String cache) {
		if (this.done.contains(cache)) {
			return;
		}
		this.path.add(cache);
		List<String> own = this.layers.get(cache);
		for (String layer : own) {
			if (layer == null || !this.layers.containsKey(layer)) {
				throw PropertyErrors.invalid(cache, "layered.layers", own,
						"'" + layer + "' is not a cache; the caches are " + this.layers.keySet());
			}
			if (layer.equals(cache)) {
				throw PropertyErrors.invalid(cache, "layered.layers", own, "a cache cannot be a layer of itself");
			}
			if (this.path.contains(layer)) {
				List<String> cycle = new ArrayList<>(this.path);
				cycle = new ArrayList<>(cycle.subList(cycle.indexOf(layer), cycle.size()));
				cycle.add(layer);
				throw PropertyErrors.invalid(cache, "layered.layers", own,
						"the layers form a cycle: " + String.join(" -> ", cycle));
			}
			visit(layer);
		}
		this.path.remove(cache);
		this.done.add(cache);
		this.order.add(cache);
	}

}
