package dev.memoize.backend.layered;

import java.util.List;
import java.util.Objects;

import dev.memoize.EntryFilter;

/**
 * What one instance of a layered cache tells the other instances after it changed the
 * shared layers: the keys it wrote or removed, or the filter it cleared. Receivers drop
 * the same keys or apply the same filter to their in-heap layers.
 *
 * @param cache the name of the layered cache
 * @param instance the id of the sending instance, so that it can ignore its own messages
 * @param operation what was done
 * @param keys the keys written or removed; empty for {@link Operation#CLEAR}
 * @param filter the filter cleared; {@code null} unless {@link Operation#CLEAR}
 */
public record Invalidation(String cache, String instance, Operation operation, List<String> keys, EntryFilter filter) {

	/**
	 * Checks the components agree with the operation.
	 */
	public Invalidation {
		Objects.requireNonNull(cache, "cache");
		Objects.requireNonNull(instance, "instance");
		Objects.requireNonNull(operation, "operation");
		keys = (keys != null) ? List.copyOf(keys) : List.of();
		if (operation == Operation.CLEAR) {
			Objects.requireNonNull(filter, "filter");
		}
	}

	/**
	 * The message for entries written.
	 * @param cache the cache name
	 * @param instance the sending instance
	 * @param keys the keys
	 * @return the message
	 */
	public static Invalidation written(String cache, String instance, List<String> keys) {
		return new Invalidation(cache, instance, Operation.PUT, keys, null);
	}

	/**
	 * The message for an entry removed.
	 * @param cache the cache name
	 * @param instance the sending instance
	 * @param key the key
	 * @return the message
	 */
	public static Invalidation removed(String cache, String instance, String key) {
		return new Invalidation(cache, instance, Operation.REMOVE, List.of(key), null);
	}

	/**
	 * The message for entries cleared.
	 * @param cache the cache name
	 * @param instance the sending instance
	 * @param filter the filter
	 * @return the message
	 */
	public static Invalidation cleared(String cache, String instance, EntryFilter filter) {
		return new Invalidation(cache, instance, Operation.CLEAR, List.of(), filter);
	}

	/**
	 * What the sending instance did.
	 */
	public enum Operation {

		/** Wrote the keys: another instance's copies are out of date. */
		PUT,

		/** Removed the keys. */
		REMOVE,

		/** Removed the entries the filter selects. */
		CLEAR

	}

}
