package dev.memoize.autoconfigure;

import java.util.Map;

/**
 * What an application adds to use a built-in backend type whose libraries are optional,
 * so that a type missing for want of them is explained at start-up.
 */
final class BackendDependencies {

	private static final Map<String, String> LIBRARIES = Map.of("disk", "org.rocksdb:rocksdbjni", "jdbc",
			"org.springframework:spring-jdbc, com.zaxxer:HikariCP, org.flywaydb:flyway-core and a JDBC driver", "redis",
			"org.springframework.data:spring-data-redis and io.lettuce:lettuce-core");

	private BackendDependencies() {
	}

	/**
	 * A sentence naming the libraries a built-in type needs, or nothing for other types.
	 * @param type the type name
	 * @return the hint, starting with a separator, or an empty string
	 */
	static String hint(String type) {
		String libraries = LIBRARIES.get(type);
		return (libraries != null) ? "; the " + type + " backend needs " + libraries + " on the class path" : "";
	}

}
