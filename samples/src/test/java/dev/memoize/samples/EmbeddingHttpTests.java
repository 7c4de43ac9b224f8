package dev.memoize.samples;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the sample's embedding endpoints over HTTP and shows that the batch method is
 * given only the texts that were not embedded before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.llm.latency=1ms", "sample.embeddings.latency=1ms" })
class EmbeddingHttpTests {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> EMBEDDINGS = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddingService embeddings;

	private RestClient http;

	private String run;

	@BeforeEach
	void connect() {
		this.http = RestClient.create("http://localhost:" + this.port);
		this.run = UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	@Test
	void secondRequestWithOverlappingTextsSendsOnlyTheNewTextsToTheMethod() {
		String alpha = this.run + "alpha";
		String beta = this.run + "beta";
		String gamma = this.run + "gamma";
		List<Map<String, Object>> first = embed("/embed", alpha, beta);
		List<Map<String, Object>> second = embed("/embed", beta, gamma, alpha);
		assertThat(second).extracting((embedding) -> embedding.get("text")).containsExactly(beta, gamma, alpha);
		assertThat(second.get(0).get("vector")).isEqualTo(first.get(1).get("vector"));
		assertThat(second.get(2).get("vector")).isEqualTo(first.get(0).get("vector"));
		assertThat(batchesOf(alpha, beta, gamma)).containsExactly(List.of(alpha, beta), List.of(gamma));
	}

	@Test
	void streamEndpointServesTextsEmbeddedBeforeAndComputesOnlyTheNewOnes() {
		String known = this.run + "known";
		String fresh = this.run + "fresh";
		List<Map<String, Object>> blocking = embed("/embed", known);
		List<Map<String, Object>> streamed = embed("/embed/stream", fresh, known, fresh);
		assertThat(streamed).extracting((embedding) -> embedding.get("text")).containsExactly(fresh, known, fresh);
		assertThat(streamed.get(1).get("vector")).isEqualTo(blocking.get(0).get("vector"));
		assertThat(streamed.get(0).get("vector")).isEqualTo(streamed.get(2).get("vector"));
		assertThat(batchesOf(known, fresh)).containsExactly(List.of(known), List.of(fresh));
	}

	@Test
	void batchesEndpointReportsTheSizeOfEachRequestToTheMethod() {
		embed("/embed", this.run + "one", this.run + "two");
		Map<String, Object> batches = this.http.get()
			.uri("/embed/batches")
			.retrieve()
			.body(new ParameterizedTypeReference<>() {
			});
		assertThat(batches.get("requests")).isEqualTo(this.embeddings.batches().size());
		assertThat(batches.get("sizes")).asInstanceOf(InstanceOfAssertFactories.LIST).contains(2);
	}

	private List<Map<String, Object>> embed(String path, String... texts) {
		return this.http.get()
			.uri((uri) -> uri.path(path).queryParam("text", (Object[]) texts).build())
			.retrieve()
			.body(EMBEDDINGS);
	}

	/**
	 * The batches the method was given that hold any of these texts, so that requests of
	 * other tests in the same application are left out.
	 */
	private List<List<String>> batchesOf(String... texts) {
		List<String> wanted = List.of(texts);
		return this.embeddings.batches().stream().filter((batch) -> batch.stream().anyMatch(wanted::contains)).toList();
	}

}
