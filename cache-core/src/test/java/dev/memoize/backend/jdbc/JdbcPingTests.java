package dev.memoize.backend.jdbc;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests of {@link JdbcBackend#ping()} over a SQLite file.
 */
class JdbcPingTests {

	@TempDir
	Path directory;

	@Test
	void ping_databaseAnswers() {
		HikariDataSource pool = JdbcPools.open("jdbc:sqlite:" + this.directory.resolve("ping.db"), null, null, 2,
				"pinged");
		try (JdbcBackend backend = JdbcBackend.createOwning(pool, JdbcOptions.defaults(),
				BackendContext.of("pinged"))) {
			assertThatNoException().isThrownBy(backend::ping);
		}
	}

	@Test
	void ping_noConnectionCanBeHad_throwsNamingTheCache() {
		HikariDataSource pool = JdbcPools.open("jdbc:sqlite:" + this.directory.resolve("ping.db"), null, null, 2,
				"closed");
		try (JdbcBackend backend = JdbcBackend.create(pool, JdbcOptions.defaults(), BackendContext.of("closed"))) {
			pool.close();
			assertThatExceptionOfType(BackendException.class).isThrownBy(backend::ping)
				.withMessageContaining("'closed'");
		}
	}

}
