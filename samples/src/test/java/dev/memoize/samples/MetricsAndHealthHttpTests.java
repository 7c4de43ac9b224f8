package dev.memoize.samples;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import dev.memoize.MemoCacheManager;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample on its {@code redis} profile with the health and metrics endpoints
 * exposed, and reads the Redis cache's health and the meters of its calls over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.llm.latency=1ms", "management.endpoints.web.exposure.include=health,metrics",
				"management.endpoint.health.show-details=always" })
@ActiveProfiles("redis")
class MetricsAndHealthHttpTests {

	private static final String KEY_PREFIX = "memoize-test:MetricsAndHealthHttpTests:" + UUID.randomUUID() + ":";

	@LocalServerPort
	private int port;

	@Autowired
	private MemoCacheManager caches;

	private RestClient http;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("memoize.caches.llm.redis.url", TestServers::redisUrl);
		registry.add("memoize.caches.llm.redis.key-prefix", () -> KEY_PREFIX);
	}

	@BeforeEach
	void connect() {
		this.http = RestClient.create("http://localhost:" + this.port);
	}

	@AfterEach
	void removeWhatTheTestWrote() {
		this.caches.cache("llm").clear();
	}

	@Test
	void healthShowsTheRedisCacheUp() {
		Map<String, Object> health = get("/actuator/health");
		assertThat(health).containsEntry("status", "UP");
		Map<String, Object> memoize = map(map(health.get("components")).get("memoize"));
		assertThat(memoize).containsEntry("status", "UP");
		Map<String, Object> llm = map(map(memoize.get("components")).get("llm"));
		assertThat(llm).containsEntry("status", "UP").containsEntry("details", Map.of("cache", "llm", "type", "redis"));
	}

	@Test
	void metricsCountTheMissesAndHitsOfAskRequests() {
		double misses = gets("miss");
		double hits = gets("hit");
		String prompt = "metrics " + UUID.randomUUID();
		this.http.get().uri("/ask?prompt={prompt}", prompt).retrieve().toBodilessEntity();
		this.http.get().uri("/ask?prompt={prompt}", prompt).retrieve().toBodilessEntity();
		this.http.get().uri("/ask?prompt={prompt}", prompt).retrieve().toBodilessEntity();
		assertThat(gets("miss") - misses).isEqualTo(1);
		assertThat(gets("hit") - hits).isEqualTo(2);
		Map<String, Object> loads = get("/actuator/metrics/memoize.loads?tag=cache:llm");
		assertThat(measurement(loads, "COUNT")).isPositive();
		assertThat(measurement(loads, "TOTAL_TIME")).isPositive();
	}

	private double gets(String result) {
		return measurement(get("/actuator/metrics/memoize.gets?tag=cache:llm&tag=result:" + result), "COUNT");
	}

	private static double measurement(Map<String, Object> meter, String statistic) {
		List<Map<String, Object>> measurements = list(meter.get("measurements"));
		return measurements.stream()
			.filter((measurement) -> statistic.equals(measurement.get("statistic")))
			.mapToDouble((measurement) -> ((Number) measurement.get("value")).doubleValue())
			.findFirst()
			.orElseThrow();
	}

	private Map<String, Object> get(String path) {
		return this.http.get().uri(path).retrieve().body(new ParameterizedTypeReference<>() {
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (List<Map<String, Object>>) value;
	}

}
