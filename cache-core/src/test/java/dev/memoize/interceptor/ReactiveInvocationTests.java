package dev.memoize.interceptor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoizeException;
import dev.memoize.MemoizeListener;
import dev.memoize.backend.file.FileBackend;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;
import dev.memoize.interceptor.MemoizedService.Answer;
import dev.memoize.key.MemoKey;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.support.FailingBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of memoized methods returning {@code Mono} and {@code Flux}, over an in-memory
 * cache unless a test says otherwise.
 */
class ReactiveInvocationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final MemoizeProxies proxies = new MemoizeProxies();

	private final ReactiveService target = new ReactiveService();

	private DefaultMemoCache cache = this.proxies.memory();

	private ReactiveService service = MemoizeProxies.proxy(this.target, this.cache);

	@AfterEach
	void closeCache() throws Exception {
		this.cache.close();
	}

	private void use(DefaultMemoCache cache) throws Exception {
		this.cache.close();
		this.cache = cache;
		this.service = MemoizeProxies.proxy(this.target, cache);
	}

	private List<CacheEntry> entries() {
		return this.cache.entries(EntryFilter.ALL).toList();
	}

	@Test
	void monoValueIsComputedOnceThenServedFromTheCache() {
		assertThat(this.service.ask("why").block(TIMEOUT)).isEqualTo(new Answer("why", 3));
		assertThat(this.service.ask("why").block(TIMEOUT)).isEqualTo(new Answer("why", 3));
		assertThat(this.target.calls).hasValue(1);
		assertThat(this.target.subscriptions).hasValue(1);
		assertThat(entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.output()).isEqualTo(new Answer("why", 3)));
	}

	@Test
	void callingTheMethodDoesNothingUntilTheMonoIsSubscribed() {
		Mono<Answer> answer = this.service.ask("why");
		assertThat(this.target.calls).hasValue(0);
		assertThat(this.cache.stats().misses()).isZero();
		assertThat(answer.block(TIMEOUT)).isEqualTo(new Answer("why", 3));
		assertThat(answer.block(TIMEOUT)).isEqualTo(new Answer("why", 3));
		assertThat(this.target.calls).hasValue(1);
		assertThat(this.cache.stats().hits()).isEqualTo(1);
	}

	@Test
	void emptyMonoIsStoredAndReplayedEmpty() {
		StepVerifier.create(this.service.nothing("x")).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.service.nothing("x")).expectComplete().verify(TIMEOUT);
		assertThat(this.target.calls).hasValue(1);
		assertThat(this.cache.stats().hits()).isEqualTo(1);
		assertThat(entries()).singleElement().satisfies((entry) -> assertThat(entry.output()).isNull());
	}

	@Test
	void failedMonoIsNeverCached() {
		StepVerifier.create(this.service.failingOnce("a")).expectErrorMessage("first call fails").verify(TIMEOUT);
		assertThat(entries()).isEmpty();
		assertThat(this.service.failingOnce("a").block(TIMEOUT)).isEqualTo("a");
		assertThat(this.service.failingOnce("a").block(TIMEOUT)).isEqualTo("a");
		assertThat(this.target.calls).hasValue(2);
	}

	@Test
	void methodThatThrowsInsteadOfReturningAMonoFailsTheSubscription() {
		StepVerifier.create(this.service.throwing("a")).expectErrorMessage("no Mono at all").verify(TIMEOUT);
		StepVerifier.create(this.service.throwing("a")).expectErrorMessage("no Mono at all").verify(TIMEOUT);
		assertThat(this.target.calls).hasValue(2);
		assertThat(entries()).isEmpty();
	}

	@Test
	void fluxIsStoredAsTheListOfItsElementsWhenItCompletes() {
		assertThat(this.service.words("to be").collectList().block(TIMEOUT)).containsExactly(new Answer("to", 2),
				new Answer("be", 2));
		assertThat(entries()).singleElement()
			.satisfies(
					(entry) -> assertThat(entry.output()).isEqualTo(List.of(new Answer("to", 2), new Answer("be", 2))));
		assertThat(this.service.words("to be").collectList().block(TIMEOUT)).containsExactly(new Answer("to", 2),
				new Answer("be", 2));
		assertThat(this.target.calls).hasValue(1);
		assertThat(this.target.subscriptions).hasValue(1);
	}

	@Test
	void emptyFluxIsStoredAndReplayedEmpty() {
		StepVerifier.create(this.service.none("x")).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.service.none("x")).expectComplete().verify(TIMEOUT);
		assertThat(this.target.calls).hasValue(1);
		assertThat(entries()).singleElement().satisfies((entry) -> assertThat(entry.output()).isEqualTo(List.of()));
	}

	@Test
	void fluxThatErrorsStoresNothingAndItsElementsStillReachTheSubscriber() {
		StepVerifier.create(this.service.brokenStream("a b"))
			.expectNext("a", "b")
			.expectErrorMessage("broken")
			.verify(TIMEOUT);
		assertThat(entries()).isEmpty();
		StepVerifier.create(this.service.brokenStream("a b")).expectNext("a", "b").expectError().verify(TIMEOUT);
		assertThat(this.target.calls).hasValue(2);
	}

	@Test
	void cancelledFluxStoresNothingAndCancelsTheMethodsFlux() {
		List<String> received = new CopyOnWriteArrayList<>();
		Disposable subscription = this.service.endless("a b").subscribe(received::add);
		assertThat(received).containsExactly("a", "b");
		subscription.dispose();
		assertThat(this.target.cancellations).hasValue(1);
		assertThat(entries()).isEmpty();
		this.service.endless("a b").take(1).blockLast(TIMEOUT);
		assertThat(this.target.calls).hasValue(2);
	}

	@Test
	void partiallyConsumedFluxStoresNothing() {
		assertThat(this.service.words("a b c d").take(2).collectList().block(TIMEOUT)).hasSize(2);
		assertThat(this.target.cancellations).hasValue(1);
		assertThat(entries()).isEmpty();
		assertThat(this.service.words("a b c d").collectList().block(TIMEOUT)).hasSize(4);
		assertThat(entries()).hasSize(1);
		assertThat(this.service.words("a b c d").take(2).collectList().block(TIMEOUT)).hasSize(2);
		assertThat(this.target.calls).hasValue(2);
	}

	@Test
	void hitOnAFluxServesElementsOnDemand() {
		this.service.words("a b c").blockLast(TIMEOUT);
		StepVerifier.create(this.service.words("a b c"), 1)
			.expectNext(new Answer("a", 1))
			.thenRequest(2)
			.expectNext(new Answer("b", 1), new Answer("c", 1))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.target.calls).hasValue(1);
	}

	@Test
	void concurrentSubscribersOfAColdMonoShareOneComputation() throws InterruptedException {
		int subscribers = 64;
		Sinks.One<String> gate = Sinks.one();
		this.target.gate = gate.asMono();
		Mono<List<String>> all = Flux.range(0, subscribers)
			.flatMap((i) -> this.service.gated("q").subscribeOn(Schedulers.parallel()), subscribers)
			.collectList()
			.cache();
		all.subscribe();
		awaitMisses(subscribers);
		gate.tryEmitValue("answer").orThrow();
		assertThat(all.block(TIMEOUT)).hasSize(subscribers).containsOnly("answer");
		assertThat(this.target.calls).hasValue(1);
		assertThat(this.target.subscriptions).hasValue(1);
		assertThat(this.cache.stats().loads()).isEqualTo(1);
		assertThat(entries()).hasSize(1);
	}

	@Test
	void concurrentSubscribersOfAColdFluxShareOneSubscriptionAndEachSeesEveryElement() throws InterruptedException {
		int subscribers = 64;
		Sinks.Many<String> words = Sinks.many().unicast().onBackpressureBuffer();
		this.target.wordGate = words.asFlux();
		words.tryEmitNext("early").orThrow();
		Mono<List<List<String>>> all = Flux.range(0, subscribers)
			.flatMap((i) -> this.service.gatedWords("q").collectList().subscribeOn(Schedulers.parallel()), subscribers)
			.collectList()
			.cache();
		all.subscribe();
		awaitMisses(subscribers);
		words.tryEmitNext("late").orThrow();
		words.tryEmitComplete().orThrow();
		assertThat(all.block(TIMEOUT)).hasSize(subscribers).containsOnly(List.of("early", "late"));
		assertThat(this.target.calls).hasValue(1);
		assertThat(this.target.subscriptions).hasValue(1);
		assertThat(entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.output()).isEqualTo(List.of("early", "late")));
	}

	@Test
	void sharedFluxIsCancelledOnlyWhenItsLastSubscriberCancels() {
		Sinks.Many<String> words = Sinks.many().multicast().onBackpressureBuffer();
		this.target.wordGate = words.asFlux();
		List<String> first = new CopyOnWriteArrayList<>();
		List<String> second = new CopyOnWriteArrayList<>();
		Disposable one = this.service.gatedWords("q").subscribe(first::add);
		Disposable two = this.service.gatedWords("q").subscribe(second::add);
		words.tryEmitNext("a").orThrow();
		one.dispose();
		assertThat(this.target.cancellations).hasValue(0);
		words.tryEmitNext("b").orThrow();
		two.dispose();
		assertThat(this.target.cancellations).hasValue(1);
		assertThat(first).containsExactly("a");
		assertThat(second).containsExactly("a", "b");
		assertThat(this.target.subscriptions).hasValue(1);
		assertThat(entries()).isEmpty();
	}

	@Test
	void unlessSeesTheMonosValueWithNullForEmpty() {
		StepVerifier.create(this.service.maybe("")).expectComplete().verify(TIMEOUT);
		StepVerifier.create(this.service.maybe("")).expectComplete().verify(TIMEOUT);
		assertThat(this.service.maybe("a").block(TIMEOUT)).isEqualTo("a");
		assertThat(this.service.maybe("a").block(TIMEOUT)).isEqualTo("a");
		assertThat(this.target.calls).hasValue(3);
		assertThat(entries()).hasSize(1);
	}

	@Test
	void unlessSeesTheFluxsList() {
		assertThat(this.service.fewWords("a b c").collectList().block(TIMEOUT)).containsExactly("a", "b", "c");
		assertThat(this.service.fewWords("a b c").collectList().block(TIMEOUT)).containsExactly("a", "b", "c");
		assertThat(this.service.fewWords("a b").collectList().block(TIMEOUT)).containsExactly("a", "b");
		assertThat(this.service.fewWords("a b").collectList().block(TIMEOUT)).containsExactly("a", "b");
		assertThat(this.target.calls).hasValue(3);
		assertThat(entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.output()).isEqualTo(List.of("a", "b")));
	}

	@Test
	void ttlAndAnnotationApplyToReactiveResults() {
		this.service.tagged("a").block(TIMEOUT);
		assertThat(entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.metadata()).containsEntry("purpose", "answer");
			assertThat(entry.expiresAt()).isEqualTo(entry.createdAt().plus(Duration.ofMinutes(5)));
		});
		this.proxies.clock.advance(Duration.ofMinutes(4));
		this.service.tagged("a").block(TIMEOUT);
		assertThat(this.target.calls).hasValue(1);
		this.proxies.clock.advance(Duration.ofMinutes(1));
		assertThat(this.service.tagged("a").block(TIMEOUT)).isEqualTo("A");
		assertThat(this.target.calls).hasValue(2);
		assertThat(this.cache.stats().evictions()).isEqualTo(1);
	}

	@Test
	void falseConditionPassesTheMethodsFluxThrough() {
		this.service.conditional("a b", false).blockLast(TIMEOUT);
		this.service.conditional("a b", false).blockLast(TIMEOUT);
		assertThat(this.target.calls).hasValue(2);
		assertThat(entries()).isEmpty();
		this.service.conditional("a b", true).blockLast(TIMEOUT);
		this.service.conditional("a b", true).blockLast(TIMEOUT);
		assertThat(this.target.calls).hasValue(3);
	}

	@Test
	void listenersSeeMissPutAndHit() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		MemoizeListener listener = new MemoizeListener() {

			@Override
			public void onHit(String cache, CacheEntry entry) {
				events.add("hit");
			}

			@Override
			public void onMiss(String cache, MemoKey key) {
				events.add("miss");
			}

			@Override
			public void onPut(String cache, CacheEntry entry) {
				events.add("put " + entry.output());
			}

		};
		use(this.proxies.cache(null, true, List.of(listener), (context) -> dev.memoize.backend.memory.MemoryBackends
			.create(10, dev.memoize.backend.memory.Eviction.LRU, context)));
		this.service.words("a b").blockLast(TIMEOUT);
		this.service.words("a b").blockLast(TIMEOUT);
		assertThat(events).containsExactly("miss", "put [Answer[text=a, length=1], Answer[text=b, length=1]]", "hit");
	}

	@Test
	void persistentCacheDecodesAgainstTheUnwrappedDeclaredType(@TempDir Path directory) throws Exception {
		use(this.proxies.cache(null, true, List.of(), (context) -> new FileBackend(directory, 100, context)));
		this.service.words("to be").blockLast(TIMEOUT);
		this.service.ask("why").block(TIMEOUT);
		this.service.nothing("x").block(TIMEOUT);
		assertThat(this.service.words("to be").collectList().block(TIMEOUT)).containsExactly(new Answer("to", 2),
				new Answer("be", 2));
		assertThat(this.service.ask("why").block(TIMEOUT)).isEqualTo(new Answer("why", 3));
		StepVerifier.create(this.service.nothing("x")).expectComplete().verify(TIMEOUT);
		assertThat(this.target.calls).hasValue(3);
		assertThat(this.cache.stats().hits()).isEqualTo(3);
	}

	@Test
	void failOpenComputesWhenTheBackendIsDown() throws Exception {
		use(this.proxies.cache(null, true, List.of(), (context) -> new FailingBackend(false)));
		assertThat(this.service.ask("why").block(TIMEOUT)).isEqualTo(new Answer("why", 3));
		assertThat(this.service.words("a b").collectList().block(TIMEOUT)).hasSize(2);
		assertThat(this.service.ask("why").block(TIMEOUT)).isEqualTo(new Answer("why", 3));
		assertThat(this.target.calls).hasValue(3);
		assertThat(this.cache.stats().errors()).isGreaterThanOrEqualTo(6);
		assertThat(this.cache.stats().puts()).isZero();
	}

	@Test
	void failClosedFailsTheSubscriptionWhenTheBackendIsDown() throws Exception {
		use(this.proxies.cache(null, false, List.of(), (context) -> new FailingBackend(false)));
		StepVerifier.create(this.service.ask("why"))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(MemoizeException.class)
				.hasMessageContaining("failed to read"))
			.verify(TIMEOUT);
		StepVerifier.create(this.service.words("a b")).expectError(MemoizeException.class).verify(TIMEOUT);
		assertThat(this.target.calls).hasValue(0);
	}

	private void awaitMisses(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (this.cache.stats().misses() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(
						"only " + this.cache.stats().misses() + " of " + count + " subscribers missed");
			}
			Thread.sleep(5);
		}
	}

}
