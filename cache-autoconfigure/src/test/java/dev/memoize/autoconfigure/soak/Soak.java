package dev.memoize.autoconfigure.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

import dev.memoize.CacheEntry;
import dev.memoize.CacheStats;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;

/**
 * Drives {@value #THREADS} threads through a {@link SoakService} in three phases and
 * checks the caches afterwards.
 * <ol>
 * <li>Mixed load: hits on hot items, misses on a cold range larger than the bounded
 * cache, so that it evicts, and clears of one function or of the whole cache now and
 * then.</li>
 * <li>The same load without clears, the {@link SoakLedger} tracking what is written and
 * removed. Afterwards every entry written in this phase and not reported removed must
 * read back with its value.</li>
 * <li>All threads call the same few keys of the unbounded cache at the same time, round
 * after round: each key must be computed exactly once, and read back afterwards.</li>
 * </ol>
 * Every value served is compared with the value its function gives, and every exception
 * that reaches a caller is kept.
 */
final class Soak {

	/** Threads calling at the same time. */
	static final int THREADS = 64;

	/** Keys of the unbounded cache called together in one round. */
	private static final int ONCE_KEYS_PER_ROUND = 16;

	/** One call in this many clears a function or, one time in five, the whole cache. */
	private static final int CLEAR_ODDS = 50_000;

	/** The first thread clears a function at least this often. */
	private static final Duration CLEAR_EVERY = Duration.ofMillis(500);

	private static final int MAX_FAILURES = 20;

	private final SoakService service;

	private final MemoCache cache;

	private final MemoCache once;

	private final SoakLedger ledger;

	private final int hotItems;

	private final int coldItems;

	private final LongAdder calls = new LongAdder();

	private final LongAdder clears = new LongAdder();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	/**
	 * Creates a soak of a context's caches.
	 * @param service the memoized bean
	 * @param caches the context's caches
	 * @param ledger the listener bean of the context
	 * @param capacity about how many entries the bounded cache holds; the cold range is
	 * twenty times larger
	 */
	Soak(SoakService service, MemoCacheManager caches, SoakLedger ledger, int capacity) {
		this.service = service;
		this.cache = caches.cache(SoakService.SOAK);
		this.once = caches.cache(SoakService.ONCE);
		this.ledger = ledger;
		this.hotItems = Math.max(1, capacity / 4);
		this.coldItems = capacity * 20;
	}

	/**
	 * Runs the three phases, together for about the given time, and checks the caches.
	 * @param backend the name of the backend, for the report
	 * @param duration how long the calls run
	 * @return the report
	 * @throws Exception if a thread cannot be started or joined
	 */
	SoakReport run(String backend, Duration duration) throws Exception {
		long nanos = duration.toNanos();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			long started = System.nanoTime();
			inParallel(threads, (thread) -> mixed(thread, started + nanos * 6 / 10, true));
			this.ledger.track();
			inParallel(threads, (thread) -> mixed(thread, started + nanos * 85 / 100, false));
			List<CacheEntry> kept = this.ledger.keptSinceTracking();
			LongAdder lost = new LongAdder();
			checkAll(threads, kept, this.cache, lost);
			int rounds = hammerOnce(threads, started + nanos);
			long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
			List<CacheEntry> onceEntries = new ArrayList<>();
			for (String item : this.service.onceRuns().keySet()) {
				onceEntries.add(expectedEntry(this.once, SoakService.ONCE_FUNC, item));
			}
			checkAll(threads, onceEntries, this.once, lost);
			long onceComputations = this.service.onceRuns().values().stream().mapToLong(AtomicInteger::get).sum();
			if (this.service.onceRuns().size() != rounds * ONCE_KEYS_PER_ROUND) {
				fail("%d keys of the unbounded cache computed, %d called", this.service.onceRuns().size(),
						rounds * ONCE_KEYS_PER_ROUND);
			}
			this.ledger.errors().forEach((error) -> fail("cache error %s", error));
			CacheStats stats = this.cache.stats();
			long evictions = this.ledger.evictions(SoakService.SOAK) + this.ledger.evictions(SoakService.SOAK_LOCAL)
					+ this.ledger.evictions(SoakService.SOAK_SHARED);
			return new SoakReport(backend, seconds, this.calls.sum(), stats.hits(), stats.misses(), stats.puts(),
					evictions, this.clears.sum(), kept.size() + onceEntries.size(),
					this.ledger.writtenAgainAfterRemoval(), lost.sum(), rounds * ONCE_KEYS_PER_ROUND, onceComputations,
					List.copyOf(this.failures));
		}
		finally {
			threads.shutdownNow();
			threads.awaitTermination(1, TimeUnit.MINUTES);
		}
	}

	private void mixed(int thread, long deadline, boolean clearing) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long nextClear = System.nanoTime() + CLEAR_EVERY.toNanos();
		boolean alpha = false;
		while (System.nanoTime() < deadline) {
			alpha = !alpha;
			String func = alpha ? SoakService.ALPHA : SoakService.BETA;
			String item = (random.nextInt(10) < 6) ? "hot-" + random.nextInt(this.hotItems)
					: "cold-" + random.nextInt(this.coldItems);
			call(func, item);
			if (clearing && ((thread == 0 && System.nanoTime() > nextClear) || random.nextInt(CLEAR_ODDS) == 0)) {
				clear(random.nextInt(5) == 0 ? EntryFilter.ALL : EntryFilter.byFunc(func));
				nextClear = System.nanoTime() + CLEAR_EVERY.toNanos();
			}
		}
	}

	private void call(String func, String item) {
		this.calls.increment();
		this.ledger.beginCall();
		try {
			String value = switch (func) {
				case SoakService.ALPHA -> this.service.alpha(item);
				case SoakService.BETA -> this.service.beta(item);
				default -> this.service.once(item);
			};
			if (!SoakService.value(func, item).equals(value)) {
				fail("%s(%s) served %s", func, item, abbreviated(value));
			}
		}
		catch (Throwable ex) {
			fail("%s(%s) threw %s", func, item, ex);
		}
	}

	private void clear(EntryFilter filter) {
		try {
			this.cache.clear(filter);
			this.clears.increment();
		}
		catch (RuntimeException ex) {
			fail("clear(%s) threw %s", filter, ex);
		}
	}

	/**
	 * Calls the same keys of the unbounded cache from every thread at once, a new set of
	 * keys each round, until the deadline.
	 * @return the number of rounds
	 */
	private int hammerOnce(ExecutorService threads, long deadline) throws Exception {
		AtomicInteger round = new AtomicInteger(-1);
		AtomicBoolean stop = new AtomicBoolean();
		CyclicBarrier start = new CyclicBarrier(THREADS, () -> {
			if (round.get() >= 0 && System.nanoTime() > deadline) {
				stop.set(true);
			}
			else {
				round.incrementAndGet();
			}
		});
		inParallel(threads, (thread) -> {
			try {
				while (true) {
					start.await(1, TimeUnit.MINUTES);
					if (stop.get()) {
						return;
					}
					for (int i = 0; i < ONCE_KEYS_PER_ROUND; i++) {
						call(SoakService.ONCE_FUNC,
								"round-" + round.get() + "-" + ((thread + i) % ONCE_KEYS_PER_ROUND));
					}
				}
			}
			catch (InterruptedException | BrokenBarrierException | TimeoutException ex) {
				fail("thread %d stopped waiting for the others: %s", thread, ex);
			}
		});
		return round.get() + 1;
	}

	private void checkAll(ExecutorService threads, List<CacheEntry> entries, MemoCache in, LongAdder lost)
			throws Exception {
		inParallel(threads, (thread) -> {
			for (int i = thread; i < entries.size(); i += THREADS) {
				if (!check(in, entries.get(i))) {
					lost.increment();
				}
			}
		});
	}

	private boolean check(MemoCache in, CacheEntry written) {
		String item = (String) written.inputs().get("item");
		Optional<CacheEntry> read;
		try {
			read = in.get(written.func(), Map.of("item", item));
		}
		catch (RuntimeException ex) {
			fail("reading %s(%s) back threw %s", written.func(), item, ex);
			return false;
		}
		if (read.isEmpty()) {
			fail("%s(%s) written as %s is missing", written.func(), item, written.key());
			return false;
		}
		if (!SoakService.value(written.func(), item).equals(read.get().output())) {
			fail("%s(%s) reads back as %s", written.func(), item, abbreviated(read.get().output()));
			return false;
		}
		return true;
	}

	private static CacheEntry expectedEntry(MemoCache in, String func, String item) {
		Map<String, Object> inputs = Map.of("item", item);
		return CacheEntry.of(in.key(func, inputs).key(), func, inputs, SoakService.value(func, item), Map.of(),
				Instant.EPOCH, null);
	}

	private void inParallel(ExecutorService threads, IntConsumer work) throws Exception {
		List<Future<?>> running = new ArrayList<>();
		for (int thread = 0; thread < THREADS; thread++) {
			int index = thread;
			running.add(threads.submit(() -> work.accept(index)));
		}
		for (Future<?> future : running) {
			future.get(10, TimeUnit.MINUTES);
		}
	}

	private void fail(String format, Object... arguments) {
		if (this.failures.size() < MAX_FAILURES) {
			this.failures.add(String.format(format, arguments));
		}
	}

	private static String abbreviated(Object value) {
		String text = String.valueOf(value);
		return (text.length() > 80) ? text.substring(0, 80) + "..." : text;
	}

}
