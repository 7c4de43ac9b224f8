package dev.memoize.backend.layered;

import java.util.Objects;

import dev.memoize.backend.CacheBackend;

/**
 * One layer of a layered cache: the backend of another cache, and that cache's name.
 *
 * @param name the name of the cache whose backend this is
 * @param backend the backend; the layered cache reads and writes it but never closes it
 */
public record Layer(String name, CacheBackend backend) {

	/**
	 * Checks both components are present.
	 */
	public Layer {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(backend, "backend");
	}

	/**
	 * Whether this layer keeps entries in the heap of this process, so that other
	 * instances' writes must be announced to it.
	 * @return {@code true} for in-heap backends
	 */
	public boolean inHeap() {
		return this.backend.storesLiveObjects();
	}

}
