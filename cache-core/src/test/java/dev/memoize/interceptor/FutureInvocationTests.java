package dev.memoize.interceptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.memoize.CacheEntry;
import dev.memoize.backend.ForwardingBackend;
import dev.memoize.EntryFilter;
import dev.memoize.MemoizeException;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.Lookup;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;
import dev.memoize.interceptor.MemoizedService.Answer;
import dev.memoize.key.MemoKey;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.support.FailingBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of memoized methods returning {@code CompletableFuture} and
 * {@code CompletionStage}, over an in-memory cache unless a test says otherwise.
 */
class FutureInvocationTests {

	private final MemoizeProxies proxies = new MemoizeProxies();

	private final FutureService target = new FutureService();

	private DefaultMemoCache cache = this.proxies.memory();

	private FutureService service = MemoizeProxies.proxy(this.target, this.cache);

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

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(30, TimeUnit.SECONDS);
	}

	@Test
	void futureValueIsComputedOnceThenServedFromTheCache() throws Exception {
		assertThat(await(this.service.ask("why"))).isEqualTo(new Answer("why", 3));
		assertThat(await(this.service.ask("why"))).isEqualTo(new Answer("why", 3));
		assertThat(this.target.calls).hasValue(1);
		assertThat(entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.output()).isEqualTo(new Answer("why", 3)));
	}

	@Test
	void completionStageIsServedAsACompletableFuture() throws Exception {
		assertThat(await(this.service.stage("a").toCompletableFuture())).isEqualTo("a");
		assertThat(await(this.service.stage("a").toCompletableFuture())).isEqualTo("a");
		assertThat(this.target.calls).hasValue(1);
	}

	@Test
	void nullValueIsCached() throws Exception {
		assertThat(await(this.service.nothing("x"))).isNull();
		assertThat(await(this.service.nothing("x"))).isNull();
		assertThat(this.target.calls).hasValue(1);
		assertThat(entries()).hasSize(1);
	}

	@Test
	void failedFutureIsNeverCachedAndItsExceptionReachesTheCallerUnwrapped() throws Exception {
		CompletableFuture<String> failed = this.service.failingOnce("a");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> await(failed))
			.withCauseExactlyInstanceOf(IllegalStateException.class);
		assertThat(failed.handle((value, ex) -> ex).join()).isInstanceOf(IllegalStateException.class)
			.hasMessage("first call fails");
		assertThat(entries()).isEmpty();
		assertThat(await(this.service.failingOnce("a"))).isEqualTo("a");
		assertThat(await(this.service.failingOnce("a"))).isEqualTo("a");
		assertThat(this.target.calls).hasValue(2);
	}

	@Test
	void methodThatThrowsFailsTheFuture() {
		CompletableFuture<String> failed = this.service.throwing("a");
		assertThat(failed.handle((value, ex) -> ex).join()).hasMessage("no future at all");
		assertThat(entries()).isEmpty();
	}

	@Test
	void methodThatReturnsNullFailsTheFutureSayingSo() {
		CompletableFuture<String> failed = this.service.returnsNull("a");
		assertThat(failed.handle((value, ex) -> ex).join()).isInstanceOf(MemoizeException.class)
			.hasMessageContaining("returned null instead of a CompletionStage");
	}

	@Test
	void unlessTtlAndAnnotationApplyToTheFuturesValue() throws Exception {
		assertThat(await(this.service.maybe(""))).isNull();
		assertThat(await(this.service.maybe(""))).isNull();
		assertThat(await(this.service.maybe("a"))).isEqualTo("a");
		assertThat(await(this.service.maybe("a"))).isEqualTo("a");
		assertThat(this.target.calls).hasValue(3);
		assertThat(entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.metadata()).containsEntry("purpose", "test");
			assertThat(entry.expiresAt()).isEqualTo(entry.createdAt().plus(Duration.ofHours(1)));
		});
	}

	@Test
	void concurrentCallersOfAColdKeyShareOneComputation() throws Exception {
		int callers = 32;
		ExecutorService executor = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<CompletableFuture<String>>> calls = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				calls.add(executor.submit(() -> {
					start.await();
					return this.service.gated("q");
				}));
			}
			start.countDown();
			List<CompletableFuture<String>> futures = new ArrayList<>();
			for (Future<CompletableFuture<String>> call : calls) {
				futures.add(call.get(30, TimeUnit.SECONDS));
			}
			assertThat(futures).noneMatch(CompletableFuture::isDone);
			this.target.gate.complete("answer");
			for (CompletableFuture<String> future : futures) {
				assertThat(await(future)).isEqualTo("answer");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.target.calls).hasValue(1);
		assertThat(this.cache.stats().loads()).isEqualTo(1);
		assertThat(entries()).hasSize(1);
	}

	@Test
	void eachCallerGetsAFutureOfItsOwn() throws Exception {
		CompletableFuture<String> first = this.service.gated("q");
		CompletableFuture<String> second = this.service.gated("q");
		first.cancel(true);
		this.target.gate.complete("answer");
		assertThat(await(second)).isEqualTo("answer");
		assertThat(this.target.calls).hasValue(1);
	}

	@Test
	void methodRunsOnTheCallersThreadOverAnInHeapCache() throws Exception {
		await(this.service.ask("why"));
		assertThat(this.target.lastThread).isSameAs(Thread.currentThread());
	}

	@Test
	void blockingBackendIsReadOffTheCallersThread() throws Exception {
		GatedBackend backend = new GatedBackend();
		use(this.proxies.cache(null, true, List.of(), backend::over));
		CompletableFuture<Answer> answer = this.service.ask("why");
		assertThat(answer).isNotDone();
		assertThat(this.target.calls).hasValue(0);
		backend.open.countDown();
		assertThat(await(answer)).isEqualTo(new Answer("why", 3));
		assertThat(backend.readers).doesNotContain(Thread.currentThread());
		assertThat(this.target.lastThread).isNotSameAs(Thread.currentThread());
		assertThat(await(this.service.ask("why"))).isEqualTo(new Answer("why", 3));
		assertThat(this.target.calls).hasValue(1);
	}

	@Test
	void failOpenComputesWhenTheBackendIsDown() throws Exception {
		use(this.proxies.cache(null, true, List.of(), (context) -> new FailingBackend(false)));
		assertThat(await(this.service.ask("why"))).isEqualTo(new Answer("why", 3));
		assertThat(await(this.service.ask("why"))).isEqualTo(new Answer("why", 3));
		assertThat(this.target.calls).hasValue(2);
		assertThat(this.cache.stats().errors()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void failClosedFailsTheFutureWhenTheBackendIsDown() throws Exception {
		use(this.proxies.cache(null, false, List.of(), (context) -> new FailingBackend(true)));
		assertThat(this.service.ask("why").handle((value, ex) -> ex).join()).isInstanceOf(MemoizeException.class)
			.hasMessageContaining("failed to read");
		assertThat(this.target.calls).hasValue(0);
	}

	/**
	 * An in-memory backend posing as a persistent one whose reads wait until
	 * {@link #open} is counted down, recording the threads that read.
	 */
	static final class GatedBackend {

		final CountDownLatch open = new CountDownLatch(1);

		final List<Thread> readers = new CopyOnWriteArrayList<>();

		CacheBackend over(BackendContext context) {
			CacheBackend memory = MemoryBackends.create(100, Eviction.LRU, context);
			return new ForwardingBackend(memory) {

				@Override
				public boolean storesLiveObjects() {
					return false;
				}

				@Override
				public Lookup get(MemoKey key) {
					GatedBackend.this.readers.add(Thread.currentThread());
					try {
						if (!GatedBackend.this.open.await(30, TimeUnit.SECONDS)) {
							throw new IllegalStateException("never opened");
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return super.get(key);
				}

			};
		}

	}

}
