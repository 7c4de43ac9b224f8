package dev.memoize.autoconfigure;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.noop.NoopBackend;

/**
 * Creates {@code noop} backends, which store nothing.
 */
public class NoopBackendFactory implements CacheBackendFactory {

	@Override
	public String type() {
		return "noop";
	}

	@Override
	public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context) {
		return new NoopBackend();
	}

}
