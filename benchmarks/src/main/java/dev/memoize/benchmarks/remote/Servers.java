package dev.memoize.benchmarks.remote;

/**
 * Where the real servers the remote benchmarks run against are: the URL in the
 * environment variable the tests use ({@code MEMOIZE_TEST_REDIS_URL},
 * {@code MEMOIZE_TEST_POSTGRES_URL}), else the server on its default local port.
 */
public final class Servers {

	private Servers() {
	}

	/**
	 * The Redis URL.
	 * @return {@code MEMOIZE_TEST_REDIS_URL}, else {@code redis://127.0.0.1:6379}
	 */
	public static String redisUrl() {
		return configured("MEMOIZE_TEST_REDIS_URL", "redis://127.0.0.1:6379");
	}

	/**
	 * The PostgreSQL JDBC URL, with its credentials.
	 * @return {@code MEMOIZE_TEST_POSTGRES_URL}, else the {@code test} database of the
	 * local server as user {@code postgres}
	 */
	public static String postgresUrl() {
		return configured("MEMOIZE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
	}

	private static String configured(String variable, String fallback) {
		String url = System.getenv(variable);
		return (url != null && !url.isBlank()) ? url : fallback;
	}

}
