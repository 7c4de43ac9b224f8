package dev.memoize.autoconfigure;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.memoize.backend.jdbc.JdbcPools;
import dev.memoize.testing.TestServers;

/**
 * The property sets that make a cache named {@code x} live on each storing backend, for
 * tests that run one scenario on all of them. JDBC tables and Redis key prefixes are
 * unique to the test run, so that parallel runs on the shared servers do not collide;
 * {@link #dropTables()} removes the tables afterwards.
 */
enum EveryBackend {

	MEMORY {
		@Override
		String[] properties(Path directory) {
			return new String[] { "memoize.caches.x.type=memory" };
		}
	},

	DISK {
		@Override
		String[] properties(Path directory) {
			return new String[] { "memoize.caches.x.type=disk",
					"memoize.caches.x.disk.directory=" + directory.resolve("disk") };
		}
	},

	FILE {
		@Override
		String[] properties(Path directory) {
			return new String[] { "memoize.caches.x.type=file",
					"memoize.caches.x.file.directory=" + directory.resolve("files") };
		}
	},

	SQLITE {
		@Override
		String[] properties(Path directory) {
			return jdbc("jdbc:sqlite:" + directory.resolve("x.db"));
		}
	},

	POSTGRESQL {
		@Override
		String[] properties(Path directory) {
			return jdbc(TestServers.postgresUrl());
		}
	},

	MARIADB {
		@Override
		String[] properties(Path directory) {
			return jdbc(TestServers.mysqlUrl());
		}
	},

	REDIS {
		@Override
		String[] properties(Path directory) {
			return new String[] { "memoize.caches.x.type=redis", "memoize.caches.x.redis.url=" + TestServers.redisUrl(),
					"memoize.caches.x.redis.key-prefix=memoize-test:" + RUN + ":" };
		}
	};

	private static final String RUN = HexFormat.of().formatHex(randomBytes());

	/**
	 * The table of the JDBC caches, unique to this run.
	 */
	static final String TABLE = "memoize_badinput_" + RUN;

	/**
	 * The properties of a cache named {@code x} on this backend.
	 * @param directory a directory the backend may write to
	 * @return the properties
	 */
	abstract String[] properties(Path directory);

	private static String[] jdbc(String url) {
		return new String[] { "memoize.caches.x.type=jdbc", "memoize.caches.x.jdbc.url=" + url,
				"memoize.caches.x.jdbc.table=" + TABLE };
	}

	/**
	 * Drops the tables the JDBC caches created on the shared servers.
	 */
	static void dropTables() {
		for (String url : new String[] { TestServers.postgresUrl(), TestServers.mysqlUrl() }) {
			try (HikariDataSource pool = JdbcPools.open(url, null, null, 2, "cleanup")) {
				JdbcTemplate jdbc = new JdbcTemplate(pool);
				jdbc.execute("DROP TABLE IF EXISTS " + TABLE);
				jdbc.execute("DROP TABLE IF EXISTS " + TABLE + "_schema_history");
			}
		}
	}

	private static byte[] randomBytes() {
		byte[] random = new byte[5];
		ThreadLocalRandom.current().nextBytes(random);
		return random;
	}

}
