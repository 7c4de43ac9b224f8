package dev.memoize.samples;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

import dev.memoize.Memoize;

/**
 * A simulated slow embedding API that takes many texts per request, memoized text by text
 * with {@code @Memoize(batch = true)} in the {@code embeddings} cache: a request with
 * some texts already embedded sends only the others to the API. Both methods have the
 * function name {@code embed} and the parameter {@code texts}, so they share their
 * entries: a text embedded through one is served to the other.
 */
@Service
public class EmbeddingService {

	private static final int DIMENSIONS = 8;

	private final List<List<String>> batches = new CopyOnWriteArrayList<>();

	private final Duration latency;

	/**
	 * Creates the service.
	 * @param latency how long one simulated API request takes
	 */
	public EmbeddingService(@Value("${sample.embeddings.latency:300ms}") Duration latency) {
		this.latency = latency;
	}

	/**
	 * Embeds texts, blocking for one API request.
	 * @param texts the texts
	 * @return one vector per text, in order
	 */
	@Memoize(cache = "embeddings", batch = true, name = "embed", annotation = "purpose=embedding")
	public List<float[]> embed(List<String> texts) {
		this.batches.add(List.copyOf(texts));
		pause();
		return texts.stream().map(EmbeddingService::vector).toList();
	}

	/**
	 * Embeds texts without blocking: the vectors arrive once the simulated API answers.
	 * @param texts the texts
	 * @return one vector per text, in order
	 */
	@Memoize(cache = "embeddings", batch = true, name = "embed", annotation = "purpose=embedding")
	public Flux<float[]> embedStream(List<String> texts) {
		this.batches.add(List.copyOf(texts));
		return Flux.fromIterable(texts).map(EmbeddingService::vector).delaySubscription(this.latency);
	}

	/**
	 * The texts of every API request made so far, in order.
	 * @return the batches
	 */
	public List<List<String>> batches() {
		return List.copyOf(this.batches);
	}

	/**
	 * A deterministic unit vector for a text, standing in for a model's embedding.
	 */
	private static float[] vector(String text) {
		float[] vector = new float[DIMENSIONS];
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		double norm = 0;
		for (int i = 0; i < DIMENSIONS; i++) {
			int seed = 31 * i + 7;
			for (byte b : bytes) {
				seed = seed * 131 + b;
			}
			vector[i] = (seed % 1000) / 1000f;
			norm += vector[i] * vector[i];
		}
		float scale = (norm == 0) ? 0 : (float) (1 / Math.sqrt(norm));
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] *= scale;
		}
		return vector;
	}

	private void pause() {
		try {
			Thread.sleep(this.latency.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the embedding API", ex);
		}
	}

}
