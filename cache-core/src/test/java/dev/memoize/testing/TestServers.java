package dev.memoize.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Finds the real servers backend tests run against: the URL in an environment variable,
 * else the server on its default local port, else a Testcontainers container where a
 * Docker engine is available. A server that cannot be found fails the test: a backend
 * test is never skipped for want of its server.
 */
public final class TestServers {

	private static final Map<Server, String> found = new ConcurrentHashMap<>();

	private TestServers() {
	}

	/**
	 * A PostgreSQL JDBC URL with credentials, from {@code MEMOIZE_TEST_POSTGRES_URL}, a
	 * local server on port 5432 ({@code test} database, user {@code postgres}), or a
	 * container.
	 * @return the URL
	 */
	public static String postgresUrl() {
		return url(Server.POSTGRES);
	}

	/**
	 * A MySQL or MariaDB JDBC URL with credentials, from {@code MEMOIZE_TEST_MYSQL_URL},
	 * a local server on port 3306 ({@code test} database, user {@code root}, no
	 * password), or a container.
	 * @return the URL
	 */
	public static String mysqlUrl() {
		return url(Server.MYSQL);
	}

	/**
	 * A Redis URL, from {@code MEMOIZE_TEST_REDIS_URL}, a local server on port 6379, or a
	 * container.
	 * @return the URL
	 */
	public static String redisUrl() {
		return url(Server.REDIS);
	}

	private static String url(Server server) {
		return found.computeIfAbsent(server, TestServers::find);
	}

	private static String find(Server server) {
		String configured = System.getenv(server.variable);
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		if (listening("127.0.0.1", server.port)) {
			return server.url.apply(server.port);
		}
		if (dockerAvailable()) {
			return server.url.apply(start(server));
		}
		throw new IllegalStateException("No " + server + " server for the tests: set " + server.variable
				+ ", run one on 127.0.0.1:" + server.port + ", or provide a Docker engine for Testcontainers");
	}

	private static boolean listening(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@SuppressWarnings("resource")
	private static int start(Server server) {
		GenericContainer<?> container = new GenericContainer<>(server.image).withExposedPorts(server.port)
			.withEnv(server.environment);
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return container.getMappedPort(server.port);
	}

	private enum Server {

		POSTGRES("MEMOIZE_TEST_POSTGRES_URL", 5432, "postgres:16",
				Map.of("POSTGRES_DB", "test", "POSTGRES_HOST_AUTH_METHOD", "trust"),
				(port) -> "jdbc:postgresql://127.0.0.1:" + port + "/test?user=postgres"),

		MYSQL("MEMOIZE_TEST_MYSQL_URL", 3306, "mariadb:11",
				Map.of("MARIADB_DATABASE", "test", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "1"),
				(port) -> "jdbc:mariadb://127.0.0.1:" + port + "/test?user=root"),

		REDIS("MEMOIZE_TEST_REDIS_URL", 6379, "redis:7", Map.of(), (port) -> "redis://127.0.0.1:" + port);

		private final String variable;

		private final int port;

		private final String image;

		private final Map<String, String> environment;

		private final Function<Integer, String> url;

		Server(String variable, int port, String image, Map<String, String> environment,
				Function<Integer, String> url) {
			this.variable = variable;
			this.port = port;
			this.image = image;
			this.environment = environment;
			this.url = url;
		}

	}

}
