package dev.memoize.samples.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import dev.memoize.MemoCacheManager;
import dev.memoize.samples.LlmClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives {@code /actuator/memoize} of the running sample over HTTP; each subclass runs
 * the sample on one backend of the {@code llm} cache.
 */
abstract class MemoizeEndpointHttpTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private LlmClient llm;

	@Autowired
	private MemoCacheManager caches;

	private RestClient http;

	private final String prompt = "endpoint " + UUID.randomUUID();

	/**
	 * The type the {@code llm} cache is configured with.
	 * @return the type
	 */
	abstract String llmType();

	@BeforeEach
	void connect() {
		this.http = RestClient.create("http://localhost:" + this.port);
	}

	@AfterEach
	void clearLlmCache() {
		this.caches.cache("llm").clear();
	}

	@Test
	void listsEveryCacheWithTypeSizeAndStats() {
		ask(this.prompt);
		ask(this.prompt);
		Map<String, Object> caches = map(get("/actuator/memoize").getBody().get("caches"));
		assertThat(caches).containsKeys("default", "llm", "embeddings");
		Map<String, Object> llm = map(caches.get("llm"));
		assertThat(llm).containsEntry("type", llmType());
		assertThat(((Number) llm.get("size")).longValue()).isGreaterThanOrEqualTo(1);
		assertThat(((Number) map(llm.get("stats")).get("hits")).longValue()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void filtersEntriesByAnnotationAndReadsOne() {
		ask(this.prompt);
		Map<String, Object> page = get("/actuator/memoize/llm?annotation=purpose:answer&limit=1000").getBody();
		List<Map<String, Object>> entries = list(page.get("entries"));
		assertThat(entries).isNotEmpty()
			.allSatisfy((entry) -> assertThat(map(entry.get("metadata"))).containsEntry("purpose", "answer"));
		Map<String, Object> mine = entries.stream()
			.filter((entry) -> this.prompt.equals(map(entry.get("inputs")).get("prompt")))
			.findFirst()
			.orElseThrow();
		assertThat(get("/actuator/memoize/llm?annotation=purpose:other").getBody().get("entries")).isEqualTo(List.of());
		ResponseEntity<Map<String, Object>> one = get("/actuator/memoize/llm/" + mine.get("key"));
		assertThat(one.getStatusCode().value()).isEqualTo(200);
		Map<String, Object> entry = one.getBody();
		assertThat(entry).containsEntry("key", mine.get("key")).containsEntry("annotated", false);
		assertThat(map(entry.get("inputs"))).containsEntry("prompt", this.prompt).doesNotContainKey("requestId");
		assertThat(map(entry.get("output"))).containsEntry("model", "demo-model");
		assertThat((String) map(entry.get("output")).get("text")).contains(this.prompt);
		assertThat(entry.get("createdAt")).isInstanceOf(String.class);
		assertThat(entry.get("expiresAt")).isInstanceOf(String.class);
	}

	@Test
	void evictingByFilterMakesTheNextCallComputeAgain() {
		ask(this.prompt);
		int before = this.llm.calls();
		ask(this.prompt);
		assertThat(this.llm.calls()).isEqualTo(before);
		Map<String, Object> removed = delete("/actuator/memoize/llm?annotation=purpose:answer").getBody();
		assertThat(((Number) removed.get("removed")).longValue()).isGreaterThanOrEqualTo(1);
		ask(this.prompt);
		assertThat(this.llm.calls()).isEqualTo(before + 1);
	}

	@Test
	void evictingOneKeyRemovesOnlyThatEntry() {
		ask(this.prompt);
		ask(this.prompt + " too");
		String key = keyOf(this.prompt);
		assertThat(delete("/actuator/memoize/llm/" + key).getStatusCode().value()).isEqualTo(200);
		assertThat(get("/actuator/memoize/llm/" + key).getStatusCode().value()).isEqualTo(404);
		int before = this.llm.calls();
		ask(this.prompt + " too");
		ask(this.prompt);
		assertThat(this.llm.calls()).isEqualTo(before + 1);
	}

	@Test
	void exportThenImportIntoTheEmptiedCacheServesHits() {
		ask(this.prompt);
		Map<String, Object> exported = post("/actuator/memoize/llm",
				Map.of("action", "export", "annotation", "purpose:answer"))
			.getBody();
		assertThat(((Number) exported.get("count")).longValue()).isGreaterThanOrEqualTo(1);
		String lines = (String) exported.get("lines");
		assertThat(lines).contains(this.prompt);
		delete("/actuator/memoize/llm");
		assertThat(this.caches.cache("llm").size()).isZero();
		Map<String, Object> imported = post("/actuator/memoize/llm", Map.of("action", "import", "lines", lines))
			.getBody();
		assertThat(imported.get("count")).isEqualTo(exported.get("count"));
		int before = this.llm.calls();
		ask(this.prompt);
		assertThat(this.llm.calls()).isEqualTo(before);
	}

	@Test
	void importedExpectedValueIsServedAsTheAnswer() {
		ask(this.prompt);
		Map<String, Object> golden = new LinkedHashMap<>(get("/actuator/memoize/llm/" + keyOf(this.prompt)).getBody());
		golden.put("annotated", true);
		golden.put("expected", Map.of("text", "reviewed answer", "model", "demo-model", "tokens", 2));
		String line = JsonMapper.builder().build().writeValueAsString(golden);
		post("/actuator/memoize/llm", Map.of("action", "import", "lines", line));
		int before = this.llm.calls();
		Map<String, Object> answer = this.http.get()
			.uri("/ask?prompt={prompt}", this.prompt)
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		assertThat(answer).containsEntry("text", "reviewed answer");
		assertThat(this.llm.calls()).isEqualTo(before);
	}

	@Test
	void copiesEntriesIntoAnotherCache() {
		ask(this.prompt);
		this.caches.cache("default").clear();
		Map<String, Object> copied = post("/actuator/memoize/llm",
				Map.of("action", "copy", "to", "default", "prefix", keyOf(this.prompt)))
			.getBody();
		assertThat(copied).containsEntry("count", 1).containsEntry("to", "default");
		assertThat(get("/actuator/memoize/default/" + keyOf(this.prompt)).getStatusCode().value()).isEqualTo(200);
		this.caches.cache("default").clear();
	}

	@Test
	void unknownCacheIsNotFoundAndMalformedFilterIsBadRequest() {
		ResponseEntity<Map<String, Object>> unknown = get("/actuator/memoize/nope");
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat((String) unknown.getBody().get("message")).contains("'nope'");
		ResponseEntity<Map<String, Object>> malformed = get("/actuator/memoize/llm?annotation=novalue");
		assertThat(malformed.getStatusCode().value()).isEqualTo(400);
		assertThat((String) malformed.getBody().get("message")).contains("name:value");
		assertThat(get("/actuator/memoize/llm?limit=-1").getStatusCode().value()).isEqualTo(400);
	}

	private String keyOf(String prompt) {
		return this.caches.cache("llm")
			.key(LlmClient.class.getName() + "#ask(String,String,String)",
					Map.of("prompt", prompt, "model", "demo-model"))
			.key();
	}

	private void ask(String prompt) {
		this.http.get().uri("/ask?prompt={prompt}", prompt).retrieve().toBodilessEntity();
	}

	private ResponseEntity<Map<String, Object>> get(String uri) {
		return this.http.get().uri(uri).retrieve().onStatus(HttpStatusCode::isError, (request, response) -> {
		}).toEntity(JSON);
	}

	private ResponseEntity<Map<String, Object>> delete(String uri) {
		return this.http.delete().uri(uri).retrieve().onStatus(HttpStatusCode::isError, (request, response) -> {
		}).toEntity(JSON);
	}

	private ResponseEntity<Map<String, Object>> post(String uri, Map<String, Object> body) {
		return this.http.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, response) -> {
			})
			.toEntity(JSON);
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
