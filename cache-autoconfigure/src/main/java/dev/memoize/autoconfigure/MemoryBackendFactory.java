package dev.memoize.autoconfigure;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.memory.MemoryBackends;

/**
 * Creates {@code memory} backends from {@code memoize.caches.<name>.memory.*}.
 */
public class MemoryBackendFactory implements CacheBackendFactory {

	@Override
	public String type() {
		return "memory";
	}

	@Override
	public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context) {
		MemoizeProperties.Memory memory = properties.getMemory();
		if (memory.getMaxEntries() < 1) {
			throw PropertyErrors.invalid(context.cacheName(), "memory.max-entries", memory.getMaxEntries(),
					"must be at least 1");
		}
		return MemoryBackends.create(memory.getMaxEntries(), memory.getEviction(), context);
	}

}
