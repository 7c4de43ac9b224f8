package dev.memoize.backend;

/**
 * A backend whose store is a server that can be unreachable, and that can tell whether it
 * answers: what a health check of the cache asks. Optional: a backend implements it
 * besides {@link CacheBackend}.
 *
 * <p>
 * Thread-safe. A check never changes what is stored.
 */
public interface HealthCheckedBackend {

	/**
	 * Asks the store for an answer (Redis {@code PING}, a JDBC connection's validity),
	 * waiting no longer than the backend's own connection and command timeouts.
	 * @throws BackendException naming the cache if the store does not answer
	 */
	void ping();

}
