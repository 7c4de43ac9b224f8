package dev.memoize.autoconfigure.endpoint;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.memoize.CacheEntry;
import dev.memoize.autoconfigure.endpoint.MemoizeEndpoint.CacheDescriptor;
import dev.memoize.autoconfigure.endpoint.MemoizeEndpoint.EntriesDescriptor;
import dev.memoize.autoconfigure.endpoint.MemoizeEndpoint.ErrorDescriptor;
import dev.memoize.autoconfigure.endpoint.MemoizeEndpoint.RemovedDescriptor;
import dev.memoize.autoconfigure.endpoint.MemoizeEndpoint.TransferDescriptor;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;
import dev.memoize.codec.DefaultValueCodec;
import dev.memoize.codec.JavaSerializationCodec;
import dev.memoize.codec.JsonValueCodec;
import dev.memoize.key.Sha256KeyGenerator;
import dev.memoize.support.CacheSettings;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.support.DefaultMemoCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

class MemoizeEndpointTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final DefaultMemoCache llm = cache("llm");

	private final DefaultMemoCache other = cache("other");

	private final DefaultMemoCacheManager manager = new DefaultMemoCacheManager(List.of(this.llm, this.other));

	private final MemoizeEndpoint endpoint = new MemoizeEndpoint(this.manager, Map.of("llm", "jdbc"));

	@AfterEach
	void close() throws Exception {
		this.manager.close();
	}

	@Test
	void cachesShowsEveryCacheWithTypeSizeAndStats() {
		this.llm.put("ask", Map.of("prompt", "a"), "A");
		this.llm.get("ask", Map.of("prompt", "a"));
		Map<String, CacheDescriptor> caches = this.endpoint.caches().caches();
		assertThat(caches).containsOnlyKeys("llm", "other");
		assertThat(caches.get("llm").type()).isEqualTo("jdbc");
		assertThat(caches.get("llm").size()).isEqualTo(1);
		assertThat(caches.get("llm").stats().hits()).isEqualTo(1);
		assertThat(caches.get("other").type()).isEqualTo("memory");
	}

	@Test
	void cacheListsAPageOfTheEntriesTheFiltersSelect() {
		for (int i = 0; i < 5; i++) {
			put("ask", "q" + i, Map.of("purpose", "answer"));
		}
		put("ask", "skipped", Map.of("purpose", "other"));
		put("embed", "e", Map.of("purpose", "answer"));
		WebEndpointResponse<Object> response = this.endpoint.cache("llm", "ask", List.of("purpose:answer"), null, 2, 1);
		assertThat(response.getStatus()).isEqualTo(200);
		EntriesDescriptor page = (EntriesDescriptor) response.getBody();
		assertThat(page.entries()).hasSize(2)
			.allSatisfy((entry) -> assertThat(entry).containsEntry("func", "ask")
				.containsEntry("metadata", Map.of("purpose", "answer")));
		assertThat(page.offset()).isEqualTo(1);
		assertThat(page.cache().size()).isEqualTo(7);
	}

	@Test
	void cacheFiltersByKeyPrefixAndDefaultsToTwentyEntries() {
		for (int i = 0; i < 25; i++) {
			put("ask", "q" + i, Map.of());
		}
		String key = this.llm.key("ask", Map.of("prompt", "q3")).key();
		EntriesDescriptor all = (EntriesDescriptor) this.endpoint.cache("llm", null, null, null, null, null).getBody();
		assertThat(all.entries()).hasSize(20);
		assertThat(all.limit()).isEqualTo(20);
		EntriesDescriptor one = (EntriesDescriptor) this.endpoint.cache("llm", null, null, key, null, null).getBody();
		assertThat(one.entries()).singleElement().satisfies((entry) -> assertThat(entry).containsEntry("key", key));
	}

	@Test
	void malformedFiltersAndPagingAreBadRequests() {
		assertBadRequest(this.endpoint.cache("llm", null, List.of("novalue"), null, null, null), "name:value");
		assertBadRequest(this.endpoint.cache("llm", null, null, null, -1, null), "'limit'");
		assertBadRequest(this.endpoint.cache("llm", null, null, null, 1001, null), "'limit'");
		assertBadRequest(this.endpoint.cache("llm", null, null, null, null, -3), "'offset'");
		assertBadRequest(this.endpoint.clear("llm", null, List.of(":x"), null), "name:value");
	}

	@Test
	void unknownCacheOrKeyIsNotFound() {
		assertThat(this.endpoint.cache("nope", null, null, null, null, null).getStatus()).isEqualTo(404);
		assertThat(this.endpoint.entry("nope", "k").getStatus()).isEqualTo(404);
		assertThat(this.endpoint.entry("llm", "missing").getStatus()).isEqualTo(404);
		assertThat(this.endpoint.evict("llm", "missing").getStatus()).isEqualTo(404);
		assertThat(this.endpoint.clear("nope", null, null, null).getStatus()).isEqualTo(404);
		assertThat(((ErrorDescriptor) this.endpoint.entry("llm", "missing").getBody()).message()).contains("'missing'");
	}

	@Test
	void entryShowsTheWholeEntryAsJson() {
		CacheEntry entry = this.llm.put("ask", Map.of("prompt", "a"), Map.of("text", "A", "score", 2))
			.annotate("golden", Map.of("purpose", "answer"));
		this.llm.put(entry);
		WebEndpointResponse<Object> response = this.endpoint.entry("llm", entry.key());
		assertThat(response.getStatus()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		Map<String, Object> body = (Map<String, Object>) response.getBody();
		assertThat(body).containsEntry("key", entry.key())
			.containsEntry("func", "ask")
			.containsEntry("inputs", Map.of("prompt", "a"))
			.containsEntry("output", Map.of("text", "A", "score", 2))
			.containsEntry("expected", "golden")
			.containsEntry("annotated", true)
			.containsEntry("metadata", Map.of("purpose", "answer"))
			.containsEntry("createdAt", entry.createdAt().toString())
			.containsEntry("expiresAt", null);
	}

	@Test
	void clearRemovesWhatTheFiltersSelectAndAnswersTheCount() {
		put("ask", "a", Map.of("purpose", "answer"));
		put("ask", "b", Map.of("purpose", "answer"));
		put("ask", "c", Map.of("purpose", "other"));
		WebEndpointResponse<Object> response = this.endpoint.clear("llm", null, List.of("purpose:answer"), null);
		assertThat(response.getBody()).isEqualTo(new RemovedDescriptor("llm", 2));
		assertThat(this.llm.size()).isEqualTo(1);
		assertThat(this.endpoint.clear("llm", null, null, null).getBody()).isEqualTo(new RemovedDescriptor("llm", 1));
	}

	@Test
	void evictRemovesOneEntry() {
		String key = put("ask", "a", Map.of());
		put("ask", "b", Map.of());
		assertThat(this.endpoint.evict("llm", key).getBody()).isEqualTo(new RemovedDescriptor("llm", 1));
		assertThat(this.llm.entry(key)).isEmpty();
		assertThat(this.llm.size()).isEqualTo(1);
	}

	@Test
	void exportThenImportIntoAnotherCacheKeepsEntries() {
		String key = put("ask", "a", Map.of("purpose", "answer"));
		put("ask", "b", Map.of("purpose", "other"));
		TransferDescriptor exported = (TransferDescriptor) this.endpoint
			.transfer("llm", "export", null, null, null, List.of("purpose:answer"), null)
			.getBody();
		assertThat(exported.count()).isEqualTo(1);
		assertThat(exported.lines()).contains(key).endsWith("\n");
		TransferDescriptor imported = (TransferDescriptor) this.endpoint
			.transfer("other", "import", exported.lines(), null, null, null, null)
			.getBody();
		assertThat(imported.count()).isEqualTo(1);
		assertThat(this.other.entry(key)).map(CacheEntry::metadata).contains(Map.of("purpose", "answer"));
	}

	@Test
	void copyMovesTheSelectedEntriesIntoTheTargetCache() {
		put("ask", "a", Map.of());
		put("embed", "b", Map.of());
		TransferDescriptor copied = (TransferDescriptor) this.endpoint
			.transfer("llm", "copy", null, "other", "embed", null, null)
			.getBody();
		assertThat(copied).isEqualTo(new TransferDescriptor("llm", "copy", 1, "other", null));
		assertThat(this.other.size()).isEqualTo(1);
	}

	@Test
	void badTransfersAreRefused() {
		assertBadRequest(this.endpoint.transfer("llm", "shred", null, null, null, null, null), "'action'");
		assertBadRequest(this.endpoint.transfer("llm", "import", null, null, null, null, null), "'lines'");
		assertBadRequest(this.endpoint.transfer("llm", "import", "{\"func\":\"f\"}", null, null, null, null), "Line 1");
		assertBadRequest(this.endpoint.transfer("llm", "copy", null, null, null, null, null), "'to'");
		assertThat(this.endpoint.transfer("llm", "copy", null, "nope", null, null, null).getStatus()).isEqualTo(404);
	}

	private String put(String func, String prompt, Map<String, String> metadata) {
		CacheEntry entry = this.llm.put(func, Map.of("prompt", prompt), "answer to " + prompt);
		this.llm.put(new CacheEntry(entry.key(), func, entry.inputs(), entry.output(), null, false, metadata,
				entry.createdAt(), null));
		return entry.key();
	}

	private static void assertBadRequest(WebEndpointResponse<Object> response, String message) {
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(((ErrorDescriptor) response.getBody()).message()).contains(message);
	}

	private DefaultMemoCache cache(String name) {
		CacheSettings settings = new CacheSettings(name, new Sha256KeyGenerator(this.mapper, "1", Map.of()),
				new DefaultValueCodec(new JsonValueCodec(this.mapper), new JavaSerializationCodec(List.of())),
				Clock.systemUTC(), null, List.of(), false);
		return DefaultMemoCache.create(settings, (context) -> MemoryBackends.create(1000, Eviction.LRU, context));
	}

}
