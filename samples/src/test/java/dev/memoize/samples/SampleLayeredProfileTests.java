package dev.memoize.samples;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.memoize.MemoCacheManager;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample on the {@code layered} profile, memory over Redis: an answer is served
 * from memory within one run, and from Redis (then promoted into memory) after a restart.
 */
class SampleLayeredProfileTests {

	@Test
	void answerIsServedFromMemoryAndFromRedisAfterARestart() {
		String prompt = "layered " + UUID.randomUUID();
		try (ConfigurableApplicationContext first = start()) {
			MemoCacheManager caches = first.getBean(MemoCacheManager.class);
			caches.cache("llm").clear();
			LlmClient llm = first.getBean(LlmClient.class);
			int before = llm.calls();
			Answer answer = llm.ask(prompt, "m", "request-1");
			assertThat(llm.ask(prompt, "m", "request-2")).isEqualTo(answer);
			assertThat(llm.calls() - before).isEqualTo(1);
		}
		try (ConfigurableApplicationContext second = start()) {
			MemoCacheManager caches = second.getBean(MemoCacheManager.class);
			LlmClient llm = second.getBean(LlmClient.class);
			int before = llm.calls();
			long inMemory = caches.cache("llm-local").size();
			assertThat(llm.ask(prompt, "m", "request-3").model()).isEqualTo("m");
			assertThat(llm.calls() - before).isZero();
			assertThat(caches.cache("llm-local").size()).as("promoted into memory").isEqualTo(inMemory + 1);
			caches.cache("llm").clear();
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SampleApplication.class).profiles("layered")
			.properties("server.port=0", "sample.llm.latency=1ms",
					"memoize.caches.llm-shared.redis.url=" + TestServers.redisUrl())
			.run();
	}

}
