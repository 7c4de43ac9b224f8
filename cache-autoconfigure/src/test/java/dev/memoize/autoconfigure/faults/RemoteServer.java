package dev.memoize.autoconfigure.faults;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.memoize.backend.jdbc.JdbcPools;
import dev.memoize.testing.TestServers;

/**
 * A shared server a remote cache can use, and the properties of a cache on it reached
 * through another URL (a proxy's).
 */
enum RemoteServer {

	/** Redis, with the cache's own connections. */
	REDIS {

		@Override
		String url() {
			return TestServers.redisUrl();
		}

		@Override
		List<String> properties(String url, String name, Duration timeout) {
			return List.of("type=redis", "redis.url=" + url, "redis.key-prefix=" + name + ":",
					"redis.timeout=" + timeout.toMillis() + "ms");
		}

	},

	/** PostgreSQL, with the cache's own pool. */
	POSTGRESQL {

		@Override
		String url() {
			return TestServers.postgresUrl();
		}

	},

	/** MariaDB, with the cache's own pool. */
	MARIADB {

		@Override
		String url() {
			return TestServers.mysqlUrl();
		}

	};

	/**
	 * The URL of the shared server.
	 * @return the URL
	 */
	abstract String url();

	/**
	 * The properties of a cache, without the {@code memoize.caches.<cache>.} prefix.
	 * @param url the URL the cache connects to
	 * @param name a name unique to the test, for its table or key prefix
	 * @param timeout the cache's timeout
	 * @return the properties
	 */
	List<String> properties(String url, String name, Duration timeout) {
		return List.of("type=jdbc", "jdbc.url=" + url, "jdbc.table=" + name,
				"jdbc.timeout=" + timeout.toMillis() + "ms");
	}

	/**
	 * Drops what a cache of the given name left on the server: its table and history
	 * table (a Redis cache's keys are cleared by the test through the cache).
	 * @param name the name given to {@link #properties}
	 */
	void dropTables(String name) {
		if (this == REDIS) {
			return;
		}
		try (HikariDataSource pool = JdbcPools.open(url(), null, null, 2, "cleanup")) {
			JdbcTemplate jdbc = new JdbcTemplate(pool);
			jdbc.execute("DROP TABLE IF EXISTS " + name);
			jdbc.execute("DROP TABLE IF EXISTS " + name + "_schema_history");
		}
	}

	/**
	 * A name no other test uses, usable as a table name and key prefix.
	 * @return the name
	 */
	static String uniqueName() {
		byte[] random = new byte[6];
		ThreadLocalRandom.current().nextBytes(random);
		return "memoize_fault_" + HexFormat.of().formatHex(random);
	}

}
