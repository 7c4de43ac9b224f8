package dev.memoize.samples;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import dev.memoize.Memoize;

/**
 * A simulated slow language-model client. Answers are memoized in the {@code llm} cache:
 * the request id is excluded from the key (it differs on every request but does not
 * change the answer), and every entry is annotated with its purpose.
 */
@Service
public class LlmClient {

	private final AtomicInteger calls = new AtomicInteger();

	private final Duration latency;

	/**
	 * Creates the client.
	 * @param latency how long one simulated model call takes
	 */
	public LlmClient(@Value("${sample.llm.latency:400ms}") Duration latency) {
		this.latency = latency;
	}

	/**
	 * Asks the model.
	 * @param prompt the question
	 * @param model the model name
	 * @param requestId the caller's request id, left out of the key
	 * @return the answer
	 */
	@Memoize(cache = "llm", exclude = "requestId", annotation = { "purpose=answer", "team=samples" })
	public Answer ask(String prompt, String model, String requestId) {
		this.calls.incrementAndGet();
		pause();
		String text = "You asked \"" + prompt + "\"; " + model + " says " + Integer.toHexString(prompt.hashCode());
		return new Answer(text, model, prompt.length() / 4 + 1);
	}

	/**
	 * How many times the model was really called.
	 * @return the call count
	 */
	public int calls() {
		return this.calls.get();
	}

	private void pause() {
		try {
			Thread.sleep(this.latency.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the model", ex);
		}
	}

}
