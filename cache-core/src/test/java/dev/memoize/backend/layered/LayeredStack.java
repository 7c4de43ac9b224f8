package dev.memoize.backend.layered;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import dev.memoize.backend.ForwardingBackend;

/**
 * A layered backend together with its layers, as the backend contract needs one: closing
 * it closes the layered backend first, then the layers, as the cache manager closes the
 * caches of a layered cache. Everything else is the layered backend's.
 */
final class LayeredStack extends ForwardingBackend {

	private final LayeredBackend layered;

	LayeredStack(LayeredBackend layered) {
		super(layered);
		this.layered = layered;
	}

	LayeredBackend layered() {
		return this.layered;
	}

	@Override
	public void close() {
		try {
			this.layered.close();
		}
		finally {
			List<Layer> layers = new ArrayList<>(this.layered.layers());
			Collections.reverse(layers);
			layers.forEach((layer) -> layer.backend().close());
		}
	}

}
