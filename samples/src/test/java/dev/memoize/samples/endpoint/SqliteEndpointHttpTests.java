package dev.memoize.samples.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The endpoint over HTTP with the {@code llm} cache in SQLite, in a directory of its own
 * under {@code target}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.llm.latency=1ms")
@ActiveProfiles("sqlite")
class SqliteEndpointHttpTests extends MemoizeEndpointHttpTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		try {
			Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "endpoint-sqlite");
			registry.add("memoize.caches.llm.jdbc.url", () -> "jdbc:sqlite:" + directory.resolve("llm.db"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	String llmType() {
		return "jdbc";
	}

}
