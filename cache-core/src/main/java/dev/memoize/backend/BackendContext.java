package dev.memoize.backend;

import java.time.Clock;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What a backend is given when it is created.
 *
 * @param cacheName the name of the cache the backend serves
 * @param clock the clock that decides expiry; tests pass a fake one
 * @param evictionListener told the key of each entry the backend removes on its own (size
 * limit or expiry)
 * @param corruptionListener told the key of each stored entry the backend found
 * unreadable (damaged, truncated, or not written by Memoize) and what is wrong with it
 * (the name the entry is stored under when the key itself cannot be read); the backend
 * reads such an entry as a miss and removes or sets it aside, the engine counts it as an
 * error
 */
public record BackendContext(String cacheName, Clock clock, Consumer<String> evictionListener,
		BiConsumer<String, String> corruptionListener) {

	/**
	 * Checks every component is present.
	 */
	public BackendContext {
		Objects.requireNonNull(cacheName, "cacheName");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(evictionListener, "evictionListener");
		Objects.requireNonNull(corruptionListener, "corruptionListener");
	}

	/**
	 * A context whose unreadable entries are told to no one.
	 * @param cacheName the cache name
	 * @param clock the clock that decides expiry
	 * @param evictionListener told the key of each entry the backend removes on its own
	 */
	public BackendContext(String cacheName, Clock clock, Consumer<String> evictionListener) {
		this(cacheName, clock, evictionListener, (key, problem) -> {
		});
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
