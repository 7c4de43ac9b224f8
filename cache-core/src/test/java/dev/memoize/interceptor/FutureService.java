package dev.memoize.interceptor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import dev.memoize.Memoize;
import dev.memoize.interceptor.MemoizedService.Answer;

/**
 * The bean whose memoized {@code CompletableFuture} and {@code CompletionStage} methods
 * the tests call; every method counts its runs in {@link #calls} and the threads it ran
 * on in {@link #threads}.
 */
class FutureService {

	final AtomicInteger calls = new AtomicInteger();

	/** What {@link #gated} returns, so a test decides when it completes. */
	volatile CompletableFuture<String> gate = new CompletableFuture<>();

	volatile Thread lastThread;

	private void counted() {
		this.calls.incrementAndGet();
		this.lastThread = Thread.currentThread();
	}

	@Memoize
	public CompletableFuture<Answer> ask(String prompt) {
		counted();
		return CompletableFuture.supplyAsync(() -> new Answer(prompt, prompt.length()));
	}

	@Memoize
	public CompletionStage<String> stage(String prompt) {
		counted();
		return CompletableFuture.completedFuture(prompt).minimalCompletionStage();
	}

	@Memoize
	public CompletableFuture<String> nothing(String prompt) {
		counted();
		return CompletableFuture.completedFuture(null);
	}

	@Memoize
	public CompletableFuture<String> failingOnce(String prompt) {
		counted();
		return (this.calls.get() == 1) ? CompletableFuture.failedFuture(new IllegalStateException("first call fails"))
				: CompletableFuture.completedFuture(prompt);
	}

	@Memoize
	public CompletableFuture<String> throwing(String prompt) {
		counted();
		throw new IllegalStateException("no future at all");
	}

	@Memoize
	public CompletableFuture<String> returnsNull(String prompt) {
		counted();
		return null;
	}

	@Memoize(unless = "#result == null", ttl = "1h", annotation = "purpose=test")
	public CompletableFuture<String> maybe(String prompt) {
		counted();
		return CompletableFuture.completedFuture(prompt.isEmpty() ? null : prompt);
	}

	@Memoize
	public CompletableFuture<String> gated(String prompt) {
		counted();
		return this.gate;
	}

}
