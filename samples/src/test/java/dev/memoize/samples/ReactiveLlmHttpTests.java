package dev.memoize.samples;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the sample's reactive endpoints over HTTP and counts the memoized methods' runs:
 * the second request for the same prompt is served from the cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.llm.latency=10ms")
class ReactiveLlmHttpTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ReactiveLlmService llm;

	private RestClient http;

	@BeforeEach
	void connect() {
		this.http = RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void askTwiceWithTheSamePromptRunsTheMonoMethodOnce() {
		int before = this.llm.askCalls();
		Answer first = get("/reactive/ask?prompt=why is the sea salty", new ParameterizedTypeReference<>() {
		});
		Answer second = get("/reactive/ask?prompt=why is the sea salty", new ParameterizedTypeReference<>() {
		});
		assertThat(this.llm.askCalls() - before).isEqualTo(1);
		assertThat(second).isEqualTo(first);
		assertThat(first.text()).contains("why is the sea salty");
	}

	@Test
	void wordsTwiceWithTheSamePromptRunsTheFluxMethodOnce() {
		int before = this.llm.wordCalls();
		List<String> first = words("/reactive/words?prompt=stream me");
		List<String> second = words("/reactive/words?prompt=stream me");
		assertThat(this.llm.wordCalls() - before).isEqualTo(1);
		assertThat(first).startsWith("You", "asked", "\"stream", "me\";");
		assertThat(second).isEqualTo(first);
	}

	@Test
	void anotherModelRunsTheMethodsAgain() {
		int asks = this.llm.askCalls();
		int words = this.llm.wordCalls();
		get("/reactive/ask?prompt=one&model=a", new ParameterizedTypeReference<Answer>() {
		});
		get("/reactive/ask?prompt=one&model=b", new ParameterizedTypeReference<Answer>() {
		});
		words("/reactive/words?prompt=one&model=a");
		words("/reactive/words?prompt=one&model=b");
		assertThat(this.llm.askCalls() - asks).isEqualTo(2);
		assertThat(this.llm.wordCalls() - words).isEqualTo(2);
	}

	@Test
	void callsEndpointReportsTheReactiveCallCounts() {
		get("/reactive/ask?prompt=counted reactively", new ParameterizedTypeReference<Answer>() {
		});
		Map<String, Integer> calls = get("/reactive/calls", new ParameterizedTypeReference<>() {
		});
		assertThat(calls).containsEntry("ask", this.llm.askCalls()).containsEntry("words", this.llm.wordCalls());
	}

	/**
	 * Reads a stream of server-sent events to its end and returns the data of each.
	 */
	private List<String> words(String uri) {
		String events = this.http.get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM).retrieve().body(String.class);
		return events.lines().filter((line) -> line.startsWith("data:")).map((line) -> line.substring(5)).toList();
	}

	private <T> T get(String uri, ParameterizedTypeReference<T> type) {
		return this.http.get().uri(uri).retrieve().body(type);
	}

}
