package dev.memoize.samples;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.memoize.Memoize;

/**
 * A simulated language-model client with a reactive API: an answer as a {@link Mono}, and
 * an answer streamed word by word as a {@link Flux}, as a streaming model client hands
 * out tokens. Both are memoized in the {@code llm} cache and never block a thread: the
 * latency is a timer, not a sleep.
 */
@Service
public class ReactiveLlmService {

	private final AtomicInteger askCalls = new AtomicInteger();

	private final AtomicInteger wordCalls = new AtomicInteger();

	private final Duration latency;

	/**
	 * Creates the client.
	 * @param latency how long one simulated model call takes
	 */
	public ReactiveLlmService(@Value("${sample.llm.latency:400ms}") Duration latency) {
		this.latency = latency;
	}

	/**
	 * Asks the model. The first subscription for a prompt and model runs the model; the
	 * next ones replay the stored answer.
	 * @param prompt the question
	 * @param model the model name
	 * @param requestId the caller's request id, left out of the key
	 * @return the answer, when the model has it
	 */
	@Memoize(cache = "llm", exclude = "requestId", annotation = { "purpose=answer", "team=samples" })
	public Mono<Answer> ask(String prompt, String model, String requestId) {
		this.askCalls.incrementAndGet();
		return Mono.delay(this.latency).map((tick) -> new Answer(text(prompt, model), model, prompt.length() / 4 + 1));
	}

	/**
	 * Streams the model's answer word by word. The words pass to the subscriber as they
	 * come; once the stream completes, the whole list is stored and later subscriptions
	 * replay it at once. A stream that fails or is cancelled stores nothing.
	 * @param prompt the question
	 * @param model the model name
	 * @return the words of the answer
	 */
	@Memoize(cache = "llm", annotation = { "purpose=stream", "team=samples" })
	public Flux<String> words(String prompt, String model) {
		this.wordCalls.incrementAndGet();
		Duration perWord = this.latency.dividedBy(10);
		return Flux.fromArray(text(prompt, model).split(" ")).delayElements(perWord);
	}

	/**
	 * How many times {@link #ask} really ran.
	 * @return the call count
	 */
	public int askCalls() {
		return this.askCalls.get();
	}

	/**
	 * How many times {@link #words} really ran.
	 * @return the call count
	 */
	public int wordCalls() {
		return this.wordCalls.get();
	}

	private static String text(String prompt, String model) {
		return "You asked \"" + prompt + "\"; " + model + " says " + Integer.toHexString(prompt.hashCode());
	}

}
