package dev.memoize.samples;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * HTTP endpoints over the batch-memoized {@link EmbeddingService}:
 * {@code GET /embed?text=a&text=b} blocking, {@code GET /embed/stream?text=a&text=b}
 * through a {@code Flux}, and {@code GET /embed/batches} for the texts each simulated API
 * request carried.
 */
@RestController
class EmbeddingController {

	private final EmbeddingService embeddings;

	EmbeddingController(EmbeddingService embeddings) {
		this.embeddings = embeddings;
	}

	@GetMapping("/embed")
	List<Embedding> embed(@RequestParam("text") List<String> texts) {
		List<float[]> vectors = this.embeddings.embed(texts);
		return IntStream.range(0, texts.size()).mapToObj((i) -> new Embedding(texts.get(i), vectors.get(i))).toList();
	}

	@GetMapping("/embed/stream")
	Flux<Embedding> embedStream(@RequestParam("text") List<String> texts) {
		return Flux.fromIterable(texts).zipWith(this.embeddings.embedStream(texts), Embedding::new);
	}

	@GetMapping("/embed/batches")
	Map<String, Object> batches() {
		List<List<String>> batches = this.embeddings.batches();
		return Map.of("requests", batches.size(), "sizes", batches.stream().map(List::size).toList(), "batches",
				batches);
	}

}
