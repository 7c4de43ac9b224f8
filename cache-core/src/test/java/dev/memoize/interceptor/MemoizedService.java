package dev.memoize.interceptor;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.memoize.Memoize;

/**
 * The bean whose memoized methods the interceptor tests call; every method counts its
 * runs in {@link #calls}.
 */
class MemoizedService {

	final AtomicInteger calls = new AtomicInteger();

	volatile CountDownLatch arrivals;

	@Memoize
	public String greet(String name, int times) {
		this.calls.incrementAndGet();
		return "hello " + name.repeat(times);
	}

	@Memoize
	public String nothing(String name) {
		this.calls.incrementAndGet();
		return null;
	}

	@Memoize
	public Optional<Answer> find(String text) {
		this.calls.incrementAndGet();
		return text.isEmpty() ? Optional.empty() : Optional.of(new Answer(text, text.length()));
	}

	@Memoize(exclude = { "requestId", "debug" })
	public String ask(String prompt, String requestId, boolean debug) {
		this.calls.incrementAndGet();
		return "answer to " + prompt;
	}

	@Memoize(annotation = { "purpose=answer", "team = search" })
	public String tagged(String prompt) {
		this.calls.incrementAndGet();
		return prompt.toUpperCase();
	}

	@Memoize(ttl = "5m")
	public String fiveMinutes(String prompt) {
		this.calls.incrementAndGet();
		return prompt;
	}

	@Memoize(cache = "short")
	public String cacheTtl(String prompt) {
		this.calls.incrementAndGet();
		return prompt;
	}

	@Memoize(cache = "short", ttl = "PT1H")
	public String hourInShortCache(String prompt) {
		this.calls.incrementAndGet();
		return prompt;
	}

	@Memoize(condition = "#useCache")
	public String conditional(String prompt, boolean useCache) {
		this.calls.incrementAndGet();
		return prompt;
	}

	@Memoize(unless = "#result.isEmpty()")
	public String trimmed(String text) {
		this.calls.incrementAndGet();
		return text.trim();
	}

	@Memoize
	public String failing(String prompt) {
		if (this.calls.incrementAndGet() == 1) {
			throw new IllegalStateException("first call fails");
		}
		return prompt;
	}

	@Memoize(name = "llm.ask")
	public String named(String prompt) {
		this.calls.incrementAndGet();
		return prompt;
	}

	@Memoize
	public String describe(Object subject) {
		this.calls.incrementAndGet();
		return String.valueOf(subject);
	}

	@Memoize
	public String slow(String prompt) throws InterruptedException {
		this.calls.incrementAndGet();
		if (!this.arrivals.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("not every caller arrived");
		}
		return "slow " + prompt;
	}

	public String plain(String prompt) {
		this.calls.incrementAndGet();
		return prompt;
	}

	/**
	 * A value type the {@code Optional} method returns.
	 *
	 * @param text the text
	 * @param length its length
	 */
	record Answer(String text, int length) {
	}

}
