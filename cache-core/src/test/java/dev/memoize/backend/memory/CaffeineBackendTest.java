package dev.memoize.backend.memory;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;

/**
 * The contract on the Caffeine backend. Caffeine evicts by W-TinyLFU, so only the bound
 * is asserted, never which entry goes.
 */
class CaffeineBackendTest extends MemoryBackendContractTest {

	@Override
	protected CacheBackend create(long maxEntries, BackendContext context) {
		return new CaffeineBackend(maxEntries, context);
	}

}
