package dev.memoize.backend;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a backend is given when it is created.
 *
 * @param cacheName the name of the cache the backend serves
 * @param clock the clock that decides expiry; tests pass a fake one
 * @param evictionListener told the key of each entry the backend removes on its own (size
 * limit or expiry)
 */
public record BackendContext(String cacheName, Clock clock, Consumer<String> evictionListener) {

	/**
	 * Checks every component is present.
	 */
	public BackendContext {
		Objects.requireNonNull(cacheName, "cacheName");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(evictionListener, "evictionListener");
	}

	/**
	 * A context with the system clock and no eviction listener.
	 * @param cacheName the cache name
	 * @return the context
	 */
	public static BackendContext of(String cacheName) {
		return new BackendContext(cacheName, Clock.systemUTC(), (key) -> {
		});
	}

}
