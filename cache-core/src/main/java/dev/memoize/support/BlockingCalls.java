package dev.memoize.support;

import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * Reads through a backend's blocking API, turning an exception it should not have thrown
 * into a {@link Lookup.Failure}, as the engine's synchronous path does.
 */
final class BlockingCalls {

	private BlockingCalls() {
	}

	static Lookup get(CacheBackend backend, MemoKey key) {
		try {
			Lookup lookup = backend.get(key);
			return (lookup != null) ? lookup : Lookup.miss();
		}
		catch (RuntimeException ex) {
			return Lookup.failure(ex);
		}
	}

}
