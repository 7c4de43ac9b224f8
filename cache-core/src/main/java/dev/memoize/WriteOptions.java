package dev.memoize;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How a computed value is written.
 *
 * @param ttl time to live, or {@code null} for the cache's own
 * @param metadata metadata stored with the entry
 * @param unless a veto: when it answers {@code true} for the result, nothing is stored
 */
public record WriteOptions(Duration ttl, Map<String, String> metadata, Predicate<Object> unless) {

	/** The cache's time to live, no metadata, no veto. */
	public static final WriteOptions DEFAULTS = new WriteOptions(null, Map.of(), (result) -> false);

	/**
	 * Copies the metadata and fills in a missing veto.
	 */
	public WriteOptions {
		metadata = (metadata != null) ? Map.copyOf(metadata) : Map.of();
		unless = (unless != null) ? unless : (result) -> false;
	}

}
