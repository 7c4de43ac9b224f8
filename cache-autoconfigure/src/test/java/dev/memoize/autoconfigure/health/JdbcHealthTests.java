package dev.memoize.autoconfigure.health;

import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.backend.jdbc.JdbcPools;
import dev.memoize.testing.Eventually;
import dev.memoize.testing.TcpForwarder;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the health of {@code jdbc} caches against the PostgreSQL server
 * {@link TestServers#postgresUrl()} finds. A {@code jdbc} cache creates its table when it
 * starts, so it cannot start without its database: the outage is made by cutting the
 * connections of a {@link TcpForwarder} between the cache's pool and the server.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JdbcHealthTests {

	private static final String OWN_TABLE = uniqueName();

	private static final String FORWARDED_TABLE = uniqueName();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class, MemoizeHealthAutoConfiguration.class))
		.withPropertyValues("memoize.caches.store.type=jdbc");

	@AfterAll
	static void dropTables() {
		try (HikariDataSource pool = JdbcPools.open(TestServers.postgresUrl(), null, null, 2, "cleanup")) {
			JdbcTemplate jdbc = new JdbcTemplate(pool);
			for (String table : new String[] { OWN_TABLE, FORWARDED_TABLE }) {
				jdbc.execute("DROP TABLE IF EXISTS " + table);
				jdbc.execute("DROP TABLE IF EXISTS " + table + "_schema_history");
			}
		}
	}

	private static String uniqueName() {
		byte[] random = new byte[6];
		ThreadLocalRandom.current().nextBytes(random);
		return "memoize_health_" + HexFormat.of().formatHex(random);
	}

	@Test
	void jdbcCacheIsUpWhenItsDatabaseAnswers() {
		this.runner
			.withPropertyValues("memoize.caches.store.jdbc.url=" + TestServers.postgresUrl(),
					"memoize.caches.store.jdbc.table=" + OWN_TABLE)
			.run((context) -> {
				Health health = RedisHealthTests.health(context, "store");
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("cache", "store").containsEntry("type", "jdbc");
			});
	}

	@Test
	void jdbcCacheGoesDownWhenItsDatabaseIsCutOffAndUpWhenItIsBack() throws Exception {
		URI server = URI.create(TestServers.postgresUrl().substring("jdbc:".length()));
		try (TcpForwarder forwarder = TcpForwarder.start(server.getHost(), server.getPort())) {
			String url = "jdbc:" + new URI(server.getScheme(), server.getUserInfo(), "127.0.0.1", forwarder.port(),
					server.getPath(), server.getQuery(), null);
			this.runner.withPropertyValues("memoize.caches.store.jdbc.table=" + FORWARDED_TABLE)
				.withBean(DataSource.class, () -> pool(url))
				.run((context) -> {
					assertThat(RedisHealthTests.health(context, "store").getStatus()).isEqualTo(Status.UP);
					forwarder.cut();
					Health down = RedisHealthTests.health(context, "store");
					assertThat(down.getStatus()).isEqualTo(Status.DOWN);
					assertThat(down.getDetails()).containsEntry("cache", "store").containsKey("error");
					forwarder.forward();
					Eventually.until(java.time.Duration.ofSeconds(60), "the cache is UP again",
							() -> RedisHealthTests.health(context, "store").getStatus().equals(Status.UP));
				});
		}
	}

	/**
	 * The application's pool, which waits at most a second for a connection.
	 */
	private static HikariDataSource pool(String url) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setMaximumPoolSize(4);
		config.setConnectionTimeout(1000);
		config.setPoolName("memoize-health-test");
		return new HikariDataSource(config);
	}

}
