package dev.memoize.samples.endpoint;

import java.util.UUID;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.memoize.testing.TestServers;

/**
 * The endpoint over HTTP with the {@code llm} cache in Redis, under a key prefix of its
 * own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.llm.latency=1ms")
@ActiveProfiles("redis")
class RedisEndpointHttpTests extends MemoizeEndpointHttpTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("memoize.caches.llm.redis.url", TestServers::redisUrl);
		registry.add("memoize.caches.llm.redis.key-prefix", () -> "memoize-endpoint-test:" + UUID.randomUUID() + ":");
	}

	@Override
	String llmType() {
		return "redis";
	}

}
