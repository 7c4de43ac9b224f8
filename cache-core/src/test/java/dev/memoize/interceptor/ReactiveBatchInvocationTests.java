package dev.memoize.interceptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import dev.memoize.EntryFilter;
import dev.memoize.MemoizeException;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests of {@code @Memoize(batch = true)} methods returning {@code Flux<V>},
 * {@code Mono<List<V>>} and {@code Mono<Map<K,V>>}, over the in-memory backend, counting
 * the method's runs with the exact misses each was given, and the backend's bulk reads
 * and writes.
 */
class ReactiveBatchInvocationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private CountingBackend backend;

	private final BatchFixture fixture = new BatchFixture((context) -> {
		this.backend = new CountingBackend(MemoryBackends.create(1000, Eviction.TINYLFU, context));
		return this.backend;
	});

	private final ReactiveBatchService target = new ReactiveBatchService();

	private final ReactiveBatchService service = this.fixture.proxy(this.target);

	@AfterEach
	void close() throws Exception {
		this.fixture.close();
	}

	private long stored() {
		return this.fixture.cache().entries(EntryFilter.ALL).count();
	}

	private static <T> List<T> all(Flux<T> flux) {
		return flux.collectList().block(TIMEOUT);
	}

	@Test
	void flux_emitsEveryElementInInputOrderComputingOnlyTheMisses() {
		assertThat(all(this.service.upper(List.of("a", "b")))).containsExactly("A", "B");
		assertThat(all(this.service.upper(List.of("c", "a", "b", "d")))).containsExactly("C", "A", "B", "D");
		assertThat(this.target.calls).containsExactly(List.of("a", "b"), List.of("c", "d"));
		assertThat(this.backend.getAlls).containsExactly(2, 4);
		assertThat(this.backend.putAlls).containsExactly(2, 2);
	}

	@Test
	void flux_answersDuplicatesAtEveryPositionComputingThemOnce() {
		assertThat(all(this.service.upper(List.of("a", "a", "b", "a")))).containsExactly("A", "A", "B", "A");
		assertThat(this.target.calls).containsExactly(List.of("a", "b"));
	}

	@Test
	void nothingRunsBeforeSubscriptionAndEachSubscriptionReadsTheCacheAgain() {
		Flux<String> upper = this.service.upper(List.of("a"));
		assertThat(this.target.calls).isEmpty();
		assertThat(this.backend.getAlls).isEmpty();
		assertThat(all(upper)).containsExactly("A");
		assertThat(all(upper)).containsExactly("A");
		assertThat(this.target.calls).hasSize(1);
		assertThat(this.backend.getAlls).containsExactly(1, 1);
	}

	@Test
	void monoOfList_holdsEveryElementInInputOrderComputingOnlyTheMisses() {
		assertThat(this.service.upperList(List.of("a", "b")).block(TIMEOUT)).containsExactly("A", "B");
		assertThat(this.service.upperList(List.of("b", "c")).block(TIMEOUT)).containsExactly("B", "C");
		assertThat(this.target.calls).containsExactly(List.of("a", "b"), List.of("c"));
	}

	@Test
	void monoOfMap_isKeyedByElementAndGivesASetParameterALinkedHashSet() {
		assertThat(this.service.lengths(new LinkedHashSet<>(List.of("bb", "a"))).block(TIMEOUT))
			.containsExactly(entry("bb", 2), entry("a", 1));
		assertThat(this.service.lengths(new LinkedHashSet<>(List.of("a", "ccc"))).block(TIMEOUT))
			.containsExactly(entry("a", 1), entry("ccc", 3));
		assertThat(this.target.calls.get(1)).isInstanceOf(LinkedHashSet.class);
		assertThat(new ArrayList<Object>(this.target.calls.get(1))).containsExactly("ccc");
	}

	@Test
	void emptyBatch_completesWithAnEmptyResultWithoutTheCacheOrTheMethod() {
		assertThat(all(this.service.upper(List.of()))).isEmpty();
		assertThat(this.service.upperList(List.of()).block(TIMEOUT)).isEmpty();
		assertThat(this.service.lengths(Set.of()).block(TIMEOUT)).isEmpty();
		assertThat(this.target.calls).isEmpty();
		assertThat(this.backend.getAlls).isEmpty();
	}

	@Test
	void fluxThatErrors_passesTheErrorOnAndStoresNothing() {
		assertThatIllegalStateException().isThrownBy(() -> all(this.service.failsAfterFirst(List.of("a", "b"))))
			.withMessage("the stream broke");
		assertThat(stored()).isZero();
		assertThat(this.backend.putAlls).isEmpty();
	}

	@Test
	void subscriptionCancelledBeforeTheMethodsFluxCompleted_storesNothing() throws InterruptedException {
		Disposable subscription = this.service.endless(List.of("a", "b")).subscribe();
		assertThat(this.target.subscribed.await(30, TimeUnit.SECONDS)).isTrue();
		subscription.dispose();
		assertThat(this.target.cancelled.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(stored()).isZero();
		assertThat(this.backend.putAlls).isEmpty();
	}

	@Test
	void monoThatCompletesEmpty_isAnErrorAndStoresNothing() {
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> this.service.empty(List.of("a")).block(TIMEOUT))
			.withMessageContaining("dev.memoize.interceptor.ReactiveBatchService.empty(List)")
			.withMessageContaining("returned a Mono that completed empty");
		assertThat(stored()).isZero();
	}

	@Test
	void fluxOfTheWrongSize_isAnErrorAndStoresNothing() {
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> all(this.service.dropsLast(List.of("a", "b", "c"))))
			.withMessageContaining("ReactiveBatchService.dropsLast(List)")
			.withMessageContaining("returned 2 values for the 3 elements it was given");
		assertThat(stored()).isZero();
	}

	@Test
	void monoOfMapWithoutAnEntryForAnElement_isAnErrorAndStoresNothing() {
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> this.service.lengthsMissingLast(List.of("a", "b")).block(TIMEOUT))
			.withMessageContaining("no entry for element 'b'");
		assertThat(stored()).isZero();
	}

	@Test
	void methodThatThrowsInsteadOfReturningAPublisher_signalsTheError() {
		Flux<String> flux = this.service.throwsNow(List.of("a"));
		assertThatIllegalStateException().isThrownBy(() -> all(flux)).withMessage("no publisher today");
		assertThat(stored()).isZero();
	}

	@Test
	void bulkReadAndWrite_runOnTheBoundedElasticScheduler() {
		Thread caller = Thread.currentThread();
		all(this.service.upper(List.of("a", "b")));
		assertThat(this.backend.threads).hasSize(2)
			.allSatisfy((thread) -> assertThat(thread).startsWith("boundedElastic-"))
			.doesNotContain(caller.getName());
	}

	@Test
	void stats_countOneHitOrMissPerElement() {
		all(this.service.upper(List.of("a", "b")));
		all(this.service.upper(List.of("a", "c")));
		assertThat(this.fixture.cache().stats().misses()).isEqualTo(3);
		assertThat(this.fixture.cache().stats().hits()).isEqualTo(1);
		assertThat(this.fixture.cache().stats().loads()).isEqualTo(2);
	}

	@Test
	void storedNullThatAFluxCannotEmit_isAnErrorNamingTheMethod() {
		this.fixture.cache()
			.put("dev.memoize.interceptor.ReactiveBatchService#upper(List)", Map.of("texts", "a"), null);
		assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> all(this.service.upper(List.of("a"))))
			.withMessageContaining("ReactiveBatchService.upper(List)")
			.withMessageContaining("a value to emit is null");
		assertThat(this.target.calls).isEmpty();
	}

}
