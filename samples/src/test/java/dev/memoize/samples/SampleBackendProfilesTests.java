package dev.memoize.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.memoize.MemoCacheManager;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample on each persistent backend profile and shows that an answer computed
 * before a restart is served after it without calling the model again.
 */
class SampleBackendProfilesTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "disk", "file", "sqlite", "postgres", "mysql", "redis" })
	void answerComputedBeforeARestartIsServedAfterIt(String profile) {
		String prompt = "restart " + UUID.randomUUID();
		try (ConfigurableApplicationContext first = start(profile)) {
			first.getBean(MemoCacheManager.class).cache("llm").clear();
			LlmClient llm = first.getBean(LlmClient.class);
			int before = llm.calls();
			Answer answer = llm.ask(prompt, "m", "request-1");
			assertThat(llm.ask(prompt, "m", "request-2")).isEqualTo(answer);
			assertThat(llm.calls() - before).isEqualTo(1);
		}
		try (ConfigurableApplicationContext second = start(profile)) {
			LlmClient llm = second.getBean(LlmClient.class);
			int before = llm.calls();
			long hits = second.getBean(MemoCacheManager.class).cache("llm").stats().hits();
			assertThat(llm.ask(prompt, "m", "request-3").model()).isEqualTo("m");
			assertThat(llm.calls() - before).isZero();
			assertThat(second.getBean(MemoCacheManager.class).cache("llm").stats().hits() - hits).isEqualTo(1);
		}
	}

	private ConfigurableApplicationContext start(String profile) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "sample.llm.latency=1ms",
				"memoize.caches.llm.disk.directory=" + this.directory.resolve("disk"),
				"memoize.caches.llm.file.directory=" + this.directory.resolve("files")));
		switch (profile) {
			case "sqlite" ->
				properties.add("memoize.caches.llm.jdbc.url=jdbc:sqlite:" + this.directory.resolve("llm.db"));
			case "postgres" -> properties.add("memoize.caches.llm.jdbc.url=" + TestServers.postgresUrl());
			case "mysql" -> properties.add("memoize.caches.llm.jdbc.url=" + TestServers.mysqlUrl());
			case "redis" -> properties.add("memoize.caches.llm.redis.url=" + TestServers.redisUrl());
			default -> {
			}
		}
		return new SpringApplicationBuilder(SampleApplication.class).profiles(profile)
			.properties(properties.toArray(String[]::new))
			.run();
	}

}
