package dev.memoize.autoconfigure;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the generated configuration metadata explains every {@code memoize.*}
 * property, so IDEs can.
 */
class ConfigurationMetadataTests {

	private static List<JsonNode> memoizeProperties() throws Exception {
		JsonMapper mapper = JsonMapper.builder().build();
		List<JsonNode> properties = new ArrayList<>();
		for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : mapper.readTree(in).path("properties")) {
					if (property.path("name").asString().startsWith("memoize.")) {
						properties.add(property);
					}
				}
			}
		}
		return properties;
	}

	@Test
	void metadataListsTheMemoizeProperties() throws Exception {
		assertThat(memoizeProperties()).map((property) -> property.path("name").asString())
			.contains("memoize.default-cache", "memoize.fail-open", "memoize.caches", "memoize.key.version",
					"memoize.key.include-properties", "memoize.codec.java-serialization");
	}

	@Test
	void everyMemoizePropertyHasADescription() throws Exception {
		assertThat(memoizeProperties()).isNotEmpty()
			.allSatisfy((property) -> assertThat(property.path("description").asString())
				.as("description of %s", property.path("name").asString())
				.isNotBlank());
	}

}
