package dev.memoize.backend;

import java.util.Objects;

import dev.memoize.CacheEntry;

/**
 * The outcome of reading one key from a backend: a hit, a miss, or a failure of the
 * backend itself. A failure is never a miss: the engine counts and reports it, and fails
 * the call unless {@code memoize.fail-open} is set.
 */
public sealed interface Lookup permits Lookup.Hit, Lookup.Miss, Lookup.Failure {

	/**
	 * The lookup of a key that is not stored.
	 * @return the miss
	 */
	static Lookup miss() {
		return Miss.INSTANCE;
	}

	/**
	 * A lookup that found an entry.
	 * @param entry the entry
	 * @return the hit
	 */
	static Lookup hit(CacheEntry entry) {
		return new Hit(entry);
	}

	/**
	 * A lookup the backend could not answer.
	 * @param cause what went wrong
	 * @return the failure
	 */
	static Lookup failure(Throwable cause) {
		return new Failure(cause);
	}

	/**
	 * An entry was found.
	 *
	 * @param entry the entry
	 */
	record Hit(CacheEntry entry) implements Lookup {

		/**
		 * Checks the entry is present.
		 */
		public Hit {
			Objects.requireNonNull(entry, "entry");
		}

	}

	/**
	 * Nothing is stored under the key.
	 */
	enum Miss implements Lookup {

		/** The only miss. */
		INSTANCE

	}

	/**
	 * The backend could not answer.
	 *
	 * @param cause what went wrong
	 */
	record Failure(Throwable cause) implements Lookup {

		/**
		 * Checks the cause is present.
		 */
		public Failure {
			Objects.requireNonNull(cause, "cause");
		}

	}

}
