package dev.memoize.autoconfigure.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.memoize.backend.HealthCheckedBackend;

/**
 * The health of one cache whose store is a server: UP when the store answers a
 * {@link HealthCheckedBackend#ping() ping}, DOWN with the error when it does not. Both
 * carry the cache's name and type as details. Each call of {@link #health()} asks the
 * store again. Thread-safe.
 */
public class MemoCacheHealthIndicator implements HealthIndicator {

	private final String cacheName;

	private final String type;

	private final HealthCheckedBackend backend;

	/**
	 * Creates the indicator of one cache.
	 * @param cacheName the cache's name
	 * @param type the cache's type, such as {@code redis}
	 * @param backend the cache's backend
	 */
	public MemoCacheHealthIndicator(String cacheName, String type, HealthCheckedBackend backend) {
		this.cacheName = cacheName;
		this.type = type;
		this.backend = backend;
	}

	@Override
	public Health health() {
		Health.Builder builder;
		try {
			this.backend.ping();
			builder = Health.up();
		}
		catch (RuntimeException ex) {
			builder = Health.down(ex);
		}
		return builder.withDetail("cache", this.cacheName).withDetail("type", this.type).build();
	}

}
