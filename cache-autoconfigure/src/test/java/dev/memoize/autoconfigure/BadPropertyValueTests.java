package dev.memoize.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Tests that every property of {@link MemoizeProperties} that can be wrong fails
 * application start-up with a message naming the full property and saying what is wrong
 * with it. One row per bad value: the property, the value, the other properties the cache
 * needs, and a fragment of the reason. No row needs a server: a bad value is refused
 * before any connection is opened.
 */
class BadPropertyValueTests {

	@TempDir
	static Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class));

	static Stream<Arguments> badValues() {
		return Stream.of(
				// top level
				row("memoize.default-cache", " ", "must name a cache"), row("memoize.fail-open", "maybe", "maybe"),
				row("memoize.key.version", "", "must not be empty"),
				row("memoize.key.version", "  ", "must not be empty"),
				row("memoize.key.include-properties", "app.llm.unset-model", "is not set"),
				row("memoize.codec.java-serialization", "com.acme.Answer; rm -rf", "not a class name"),
				row("memoize.codec.java-serialization", "com..acme", "not a class name"),
				row("memoize.codec.java-serialization", "com.acme.Answer,", "not a class name"),
				row("memoize.codec.java-serialization", "com.acme.*.Answer", "not a class name"),
				row("memoize.codec.java-serialization", "1com.acme.Answer", "not a class name"),
				// every cache
				row("memoize.caches.x.type", "memroy", "no backend of this type"),
				row("memoize.caches.x.type", "", "no backend of this type"),
				row("memoize.caches.x.ttl", "0s", "must be positive"),
				row("memoize.caches.x.ttl", "-5m", "must be positive"),
				row("memoize.caches.x.ttl", "5 parsecs", "Duration"),
				// memory
				row("memoize.caches.x.memory.max-entries", "0", "at least 1"),
				row("memoize.caches.x.memory.max-entries", "-1", "at least 1"),
				row("memoize.caches.x.memory.max-entries", "lots", "long"),
				row("memoize.caches.x.memory.eviction", "mru", "Eviction"),
				// disk
				row("memoize.caches.x.disk.size-limit", "0B", "must be positive", "memoize.caches.x.type=disk"),
				row("memoize.caches.x.disk.size-limit", "-1GB", "must be positive", "memoize.caches.x.type=disk"),
				row("memoize.caches.x.disk.size-limit", "32 gigs", "DataSize", "memoize.caches.x.type=disk"),
				row("memoize.caches.x.disk.directory", " ", "must not be empty", "memoize.caches.x.type=disk"),
				// file
				row("memoize.caches.x.file.max-files", "0", "at least 1", "memoize.caches.x.type=file"),
				row("memoize.caches.x.file.max-files", "-3", "at least 1", "memoize.caches.x.type=file"),
				row("memoize.caches.x.file.directory", " ", "must name a directory", "memoize.caches.x.type=file"),
				// jdbc
				row("memoize.caches.x.jdbc.url", "jdbc:oracle:thin:@db:1521:app", "supported database",
						"memoize.caches.x.type=jdbc"),
				row("memoize.caches.x.jdbc.url", "postgresql://db:5432/app", "supported database",
						"memoize.caches.x.type=jdbc"),
				row("memoize.caches.x.jdbc.table", "Entries; drop table x", "lowercase letters",
						"memoize.caches.x.type=jdbc", sqlite()),
				row("memoize.caches.x.jdbc.table", "", "lowercase letters", "memoize.caches.x.type=jdbc", sqlite()),
				row("memoize.caches.x.jdbc.max-entries", "-1", "0 (no limit) or more", "memoize.caches.x.type=jdbc",
						sqlite()),
				row("memoize.caches.x.jdbc.purge-interval", "0s", "must be positive", "memoize.caches.x.type=jdbc",
						sqlite()),
				row("memoize.caches.x.jdbc.purge-interval", "-1m", "must be positive", "memoize.caches.x.type=jdbc",
						sqlite()),
				row("memoize.caches.x.jdbc.maximum-pool-size", "1", "at least 2", "memoize.caches.x.type=jdbc",
						sqlite()),
				row("memoize.caches.x.jdbc.maximum-pool-size", "0", "at least 2", "memoize.caches.x.type=jdbc",
						sqlite()),
				row("memoize.caches.x.jdbc.password", "secret", "set memoize.caches.x.jdbc.url too",
						"memoize.caches.x.type=jdbc"),
				row("memoize.caches.x.jdbc.username", "app", "set memoize.caches.x.jdbc.url too",
						"memoize.caches.x.type=jdbc"),
				// redis
				row("memoize.caches.x.redis.url", "http://localhost:6379", "not a Redis URL",
						"memoize.caches.x.type=redis"),
				row("memoize.caches.x.redis.url", "redis://", "is not a URL", "memoize.caches.x.type=redis"),
				row("memoize.caches.x.redis.url", "redis://localhost:notaport", "port that is not a number",
						"memoize.caches.x.type=redis"),
				row("memoize.caches.x.redis.url", "not a url", "is not a URL", "memoize.caches.x.type=redis"),
				row("memoize.caches.x.redis.timeout", "0s", "must be positive", "memoize.caches.x.type=redis",
						"memoize.caches.x.redis.url=redis://127.0.0.1:6379"),
				row("memoize.caches.x.redis.timeout", "-2s", "must be positive", "memoize.caches.x.type=redis",
						"memoize.caches.x.redis.url=redis://127.0.0.1:6379"),
				row("memoize.caches.x.redis.key-prefix", "", "must not be empty", "memoize.caches.x.type=redis",
						"memoize.caches.x.redis.url=redis://127.0.0.1:6379"),
				row("memoize.caches.x.redis.cluster-nodes", "127.0.0.1:6379", "not both", "memoize.caches.x.type=redis",
						"memoize.caches.x.redis.url=redis://127.0.0.1:6379"),
				row("memoize.caches.x.redis.cluster-nodes", "localhost:http", "not a number",
						"memoize.caches.x.type=redis"),
				row("memoize.caches.x.redis.cluster-nodes", "localhost", "host:port", "memoize.caches.x.type=redis"),
				row("memoize.caches.x.redis.cluster-nodes", "localhost:0", "port 0", "memoize.caches.x.type=redis"),
				// layered
				row("memoize.caches.x.layered.layers", "", "at least 2 layers", "memoize.caches.x.type=layered"),
				row("memoize.caches.x.layered.layers", "default", "at least 2 layers", "memoize.caches.x.type=layered"),
				row("memoize.caches.x.layered.layers", "default,nowhere", "nowhere", "memoize.caches.x.type=layered"),
				row("memoize.caches.x.layered.layers", "default,x", "itself", "memoize.caches.x.type=layered"),
				row("memoize.caches.x.layered.layers", "l1,l1,default", "'l1' is listed twice",
						"memoize.caches.x.type=layered", "memoize.caches.l1.type=memory"),
				row("memoize.caches.x.layered.layers", "f,l1", "in-heap layer 'l1' comes after layer 'f'",
						"memoize.caches.x.type=layered", "memoize.caches.l1.type=memory", "memoize.caches.f.type=file",
						"memoize.caches.f.file.directory=" + directory.resolve("layer-files")),
				rowNaming(".layered.layers", "memoize.caches.x.layered.layers", "l1,y", "the layers form a cycle",
						"memoize.caches.x.type=layered", "memoize.caches.l1.type=memory",
						"memoize.caches.y.type=layered", "memoize.caches.y.layered.layers=l1,x"),
				row("memoize.caches.x.layered.promotion", "sometimes", "Promotion", layered()),
				row("memoize.caches.x.layered.promotion-threshold", "0", "at least 1", layered()),
				row("memoize.caches.x.layered.write", "write-sideways", "WriteStrategy", layered()),
				row("memoize.caches.x.layered.write-back.flush-interval", "0s", "must be positive", layered()),
				row("memoize.caches.x.layered.write-back.batch-size", "0", "at least 1", layered()),
				row("memoize.caches.x.layered.write-back.max-pending", "1", "batch-size", layered()),
				rowNaming("memoize.caches.x.layered.invalidation.redis-url",
						"memoize.caches.x.layered.invalidation.enabled", "true",
						"invalidation is enabled but there is no Redis", layered()),
				row("memoize.caches.x.layered.invalidation.channel", "", "must not be empty", layered(),
						"memoize.caches.x.layered.invalidation.redis-url=redis://127.0.0.1:6379"),
				row("memoize.caches.x.layered.invalidation.redis-url", "http://localhost", "not a Redis URL",
						layered()),
				row("memoize.caches.x.layered.invalidation.redis-url", "redis://:6379", "has no host", layered()));
	}

	private static String sqlite() {
		return "memoize.caches.x.jdbc.url=jdbc:sqlite:" + directory.resolve("bad-values.db");
	}

	private static String[] layered() {
		return new String[] { "memoize.caches.x.type=layered", "memoize.caches.l1.type=memory",
				"memoize.caches.x.layered.layers=l1,default" };
	}

	private static Arguments row(String property, String value, String reason, Object... others) {
		return rowNaming(property, property, value, reason, others);
	}

	/**
	 * A row whose error names another property than the one set: the one to set to fix
	 * it.
	 */
	private static Arguments rowNaming(String named, String property, String value, String reason, Object... others) {
		List<String> properties = new ArrayList<>();
		for (Object other : others) {
			if (other instanceof String[] many) {
				properties.addAll(Arrays.asList(many));
			}
			else {
				properties.add((String) other);
			}
		}
		properties.add(property + "=" + value);
		return argumentSet(property + "=" + value, named, reason, properties);
	}

	@ParameterizedTest
	@MethodSource("badValues")
	void badValueFailsStartupNamingTheProperty(String property, String reason, List<String> properties) {
		this.runner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains(property).contains(reason);
		});
	}

}
