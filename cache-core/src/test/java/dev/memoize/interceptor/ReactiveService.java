package dev.memoize.interceptor;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.memoize.Memoize;
import dev.memoize.interceptor.MemoizedService.Answer;

/**
 * The bean whose memoized {@code Mono} and {@code Flux} methods the tests call. It counts
 * how often its methods run ({@link #calls}), how often what they return is subscribed
 * ({@link #subscriptions}) and cancelled ({@link #cancellations}).
 */
class ReactiveService {

	final AtomicInteger calls = new AtomicInteger();

	final AtomicInteger subscriptions = new AtomicInteger();

	final AtomicInteger cancellations = new AtomicInteger();

	/** What {@link #gated} returns, so a test decides when it completes. */
	volatile Mono<String> gate = Mono.never();

	/** What {@link #gatedWords} returns. */
	volatile Flux<String> wordGate = Flux.never();

	private <T> Mono<T> counted(Mono<T> mono) {
		this.calls.incrementAndGet();
		return mono.doOnSubscribe((subscription) -> this.subscriptions.incrementAndGet())
			.doOnCancel(this.cancellations::incrementAndGet);
	}

	private <T> Flux<T> counted(Flux<T> flux) {
		this.calls.incrementAndGet();
		return flux.doOnSubscribe((subscription) -> this.subscriptions.incrementAndGet())
			.doOnCancel(this.cancellations::incrementAndGet);
	}

	@Memoize
	public Mono<Answer> ask(String prompt) {
		return counted(Mono.fromSupplier(() -> new Answer(prompt, prompt.length())));
	}

	@Memoize
	public Mono<String> nothing(String prompt) {
		return counted(Mono.empty());
	}

	@Memoize
	public Flux<Answer> words(String text) {
		return counted(Flux.fromArray(text.split(" ")).map((word) -> new Answer(word, word.length())));
	}

	@Memoize
	public Flux<String> none(String text) {
		return counted(Flux.empty());
	}

	@Memoize
	public Mono<String> failingOnce(String prompt) {
		return (this.calls.get() == 0) ? counted(Mono.error(new IllegalStateException("first call fails")))
				: counted(Mono.just(prompt));
	}

	@Memoize
	public Mono<String> throwing(String prompt) {
		this.calls.incrementAndGet();
		throw new IllegalStateException("no Mono at all");
	}

	@Memoize
	public Flux<String> brokenStream(String text) {
		return counted(Flux.fromArray(text.split(" ")).concatWith(Flux.error(new IllegalStateException("broken"))));
	}

	@Memoize
	public Flux<String> endless(String text) {
		return counted(Flux.fromArray(text.split(" ")).concatWith(Flux.never()));
	}

	@Memoize(unless = "#result == null")
	public Mono<String> maybe(String prompt) {
		return counted(prompt.isEmpty() ? Mono.empty() : Mono.just(prompt));
	}

	@Memoize(unless = "#result.size() > 2")
	public Flux<String> fewWords(String text) {
		return counted(Flux.fromArray(text.split(" ")));
	}

	@Memoize(ttl = "5m", annotation = "purpose=answer")
	public Mono<String> tagged(String prompt) {
		return counted(Mono.just(prompt.toUpperCase()));
	}

	@Memoize(condition = "#useCache")
	public Flux<String> conditional(String text, boolean useCache) {
		return counted(Flux.fromIterable(Arrays.asList(text.split(" "))));
	}

	@Memoize
	public Mono<String> gated(String prompt) {
		return counted(this.gate);
	}

	@Memoize
	public Flux<String> gatedWords(String text) {
		return counted(this.wordGate);
	}

	@Memoize
	public Mono<String> sleepy(String prompt) throws InterruptedException {
		Thread.sleep(1);
		return counted(Mono.just(prompt));
	}

}
