package dev.memoize.support;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.memoize.MemoizeListener;
import dev.memoize.codec.ValueCodec;
import dev.memoize.key.KeyGenerator;

/**
 * What a cache needs besides its backend.
 *
 * @param name the cache name
 * @param keyGenerator computes keys
 * @param codec encodes values for backends that do not keep live objects
 * @param clock decides creation and expiry times
 * @param ttl the cache's time to live, or {@code null} for entries that never expire
 * @param listeners told of every event
 * @param failOpen whether a backend fault computes the result instead of failing the call
 */
public record CacheSettings(String name, KeyGenerator keyGenerator, ValueCodec codec, Clock clock, Duration ttl,
		List<MemoizeListener> listeners, boolean failOpen) {

	/**
	 * Checks the required components and copies the listeners.
	 */
	public CacheSettings {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(keyGenerator, "keyGenerator");
		Objects.requireNonNull(codec, "codec");
		Objects.requireNonNull(clock, "clock");
		listeners = List.copyOf(listeners);
	}

}
