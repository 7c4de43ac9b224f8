package dev.memoize.samples;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the running sample over HTTP and counts the underlying methods' calls to show
 * that repeated requests are served from the cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.llm.latency=1ms")
class SampleApplicationHttpTests {

	@LocalServerPort
	private int port;

	@Autowired
	private LlmClient llm;

	@Autowired
	private FibonacciService fibonacci;

	private RestClient http;

	@BeforeEach
	void connect() {
		this.http = RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void askTwiceWithTheSamePromptCallsTheModelOnce() {
		int before = this.llm.calls();
		Answer first = get("/ask?prompt=why is the sky blue", Answer.class);
		Answer second = get("/ask?prompt=why is the sky blue", Answer.class);
		assertThat(this.llm.calls() - before).isEqualTo(1);
		assertThat(second).isEqualTo(first);
	}

	@Test
	void askWithAnotherPromptOrModelCallsTheModelAgain() {
		int before = this.llm.calls();
		get("/ask?prompt=first question", Answer.class);
		get("/ask?prompt=second question", Answer.class);
		get("/ask?prompt=first question&model=other-model", Answer.class);
		assertThat(this.llm.calls() - before).isEqualTo(3);
	}

	@Test
	void fibonacciRunsEachStepOnceAndTheSecondRequestNone() {
		int before = this.fibonacci.calls();
		Map<String, Object> first = get("/fib/120", new ParameterizedTypeReference<>() {
		});
		int steps = this.fibonacci.calls() - before;
		Map<String, Object> second = get("/fib/120", new ParameterizedTypeReference<>() {
		});
		assertThat(first.get("value")).isEqualTo("5358359254990966640871840");
		assertThat(second).isEqualTo(first);
		assertThat(steps).isLessThanOrEqualTo(121);
		assertThat(this.fibonacci.calls() - before).isEqualTo(steps);
	}

	@Test
	void callsEndpointReportsTheUnderlyingCallCounts() {
		get("/ask?prompt=counted", Answer.class);
		Map<String, Object> calls = get("/calls", new ParameterizedTypeReference<>() {
		});
		assertThat(calls.get("llm")).isEqualTo(this.llm.calls());
	}

	@Test
	void entriesEndpointShowsAnnotationMetadataAndNoExcludedInput() {
		get("/ask?prompt=inspect me", Answer.class);
		List<Map<String, Object>> entries = get("/caches/llm/entries", new ParameterizedTypeReference<>() {
		});
		Map<String, Object> entry = entries.stream()
			.filter((e) -> "inspect me".equals(((Map<?, ?>) e.get("inputs")).get("prompt")))
			.findFirst()
			.orElseThrow();
		assertThat(entry.get("metadata")).isEqualTo(Map.of("purpose", "answer", "team", "samples"));
		assertThat(entry.get("inputs")).isEqualTo(Map.of("prompt", "inspect me", "model", "demo-model"));
	}

	@Test
	void cachesEndpointCountsHits() {
		get("/ask?prompt=hit me", Answer.class);
		get("/ask?prompt=hit me", Answer.class);
		Map<String, Map<String, Object>> caches = get("/caches", new ParameterizedTypeReference<>() {
		});
		assertThat(caches).containsKeys("default", "llm");
		assertThat(((Number) caches.get("llm").get("hits")).longValue()).isPositive();
	}

	private <T> T get(String uri, Class<T> type) {
		return this.http.get().uri(uri).retrieve().body(type);
	}

	private <T> T get(String uri, ParameterizedTypeReference<T> type) {
		return this.http.get().uri(uri).retrieve().body(type);
	}

}
