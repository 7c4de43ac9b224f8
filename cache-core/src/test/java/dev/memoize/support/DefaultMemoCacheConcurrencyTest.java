package dev.memoize.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.memoize.Computation;
import dev.memoize.key.MemoKey;

import static dev.memoize.support.CacheFixture.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single-flight: concurrent callers of one cold key compute once.
 *
 * <p>
 * Every caller is released at once by a start gate; the computation then blocks on a
 * second latch that the test opens only once all other callers are parked waiting for the
 * leader's result. Without single-flight every caller would run the computation, and the
 * count would be 32.
 */
class DefaultMemoCacheConcurrencyTest {

	private static final int THREADS = 32;

	private final CacheFixture fixture = new CacheFixture();

	private final CountDownLatch start = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void get_computesOnceForConcurrentCallersOfColdKey() throws Exception {
		DefaultMemoCache cache = this.fixture.memory(null);
		MemoKey key = cache.key("demo#slow(String)", Map.of("prompt", "hi"));
		Computation blocking = () -> {
			this.calls.incrementAndGet();
			this.release.await();
			return "computed";
		};
		Map<Integer, Object> outcomes = run(cache, key, blocking);
		assertThat(this.calls).hasValue(1);
		assertThat(outcomes).hasSize(THREADS)
			.allSatisfy((thread, outcome) -> assertThat(outcome).isEqualTo("computed"));
		assertThat(cache.stats().loads()).isEqualTo(1);
		assertThat(cache.stats().puts()).isEqualTo(1);
	}

	@Test
	void get_givesEveryWaiterTheExceptionOfFailedComputation() throws Exception {
		DefaultMemoCache cache = this.fixture.memory(null);
		MemoKey key = cache.key("demo#slow(String)", Map.of("prompt", "boom"));
		Computation failing = () -> {
			this.calls.incrementAndGet();
			this.release.await();
			throw new IllegalStateException("remote failed");
		};
		Map<Integer, Object> outcomes = run(cache, key, failing);
		assertThat(this.calls).hasValue(1);
		assertThat(outcomes).hasSize(THREADS)
			.allSatisfy((thread, outcome) -> assertThat(outcome).isInstanceOfSatisfying(IllegalStateException.class,
					(ex) -> assertThat(ex).hasMessage("remote failed")));
		Set<Object> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
		distinct.addAll(outcomes.values());
		assertThat(distinct).hasSize(1);
		assertThat(cache.size()).isZero();
	}

	/**
	 * Runs {@link #THREADS} callers of one key and answers each one's result or
	 * exception.
	 */
	private Map<Integer, Object> run(DefaultMemoCache cache, MemoKey key, Computation computation)
			throws InterruptedException {
		Map<Integer, Object> outcomes = new ConcurrentHashMap<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			int index = i;
			Thread thread = new Thread(() -> {
				try {
					this.start.await();
					outcomes.put(index, call(cache, key, computation));
				}
				catch (Throwable ex) {
					outcomes.put(index, ex);
				}
			}, "caller-" + i);
			threads.add(thread);
			thread.start();
		}
		this.start.countDown();
		awaitOneComputingAndOthersWaiting(threads);
		this.release.countDown();
		for (Thread thread : threads) {
			thread.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(thread.isAlive()).as("%s finished", thread.getName()).isFalse();
		}
		return outcomes;
	}

	/**
	 * Waits until one caller runs the computation and every other one is parked on the
	 * leader's future. Gives up after a generous bound, so that a broken single-flight
	 * fails on the call count instead of hanging.
	 */
	private void awaitOneComputingAndOthersWaiting(List<Thread> threads) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (this.calls.get() >= 1 && threads.stream().filter(this::waitsOnFuture).count() == THREADS - 1) {
				return;
			}
			Thread.yield();
		}
	}

	private boolean waitsOnFuture(Thread thread) {
		Thread.State state = thread.getState();
		return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
				&& Arrays.stream(thread.getStackTrace())
					.anyMatch((frame) -> frame.getClassName().equals("java.util.concurrent.CompletableFuture"));
	}

}
