package dev.memoize.autoconfigure.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.memoize.CacheEntry;
import dev.memoize.MemoizeListener;

/**
 * Listens to the caches during a soak: counts evictions of every cache, keeps every
 * error, and, once {@link #track()} was called, which keys of the soak cache were written
 * and which were reported removed since.
 */
class SoakLedger implements MemoizeListener {

	private final Map<String, LongAdder> evictions = new ConcurrentHashMap<>();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	private final AtomicLong ticks = new AtomicLong();

	private final ThreadLocal<long[]> callStarted = ThreadLocal.withInitial(() -> new long[1]);

	private final Map<String, Write> written = new ConcurrentHashMap<>();

	private final Map<String, Long> removed = new ConcurrentHashMap<>();

	private volatile boolean tracking;

	@Override
	public void onPut(String cache, CacheEntry entry) {
		if (this.tracking && SoakService.SOAK.equals(cache)) {
			Write write = new Write(this.callStarted.get()[0], entry);
			this.written.merge(entry.key(), write, (old, now) -> (now.started() > old.started()) ? now : old);
		}
	}

	@Override
	public void onEvict(String cache, String key) {
		this.evictions.computeIfAbsent(cache, (name) -> new LongAdder()).increment();
		if (this.tracking && SoakService.SOAK.equals(cache)) {
			this.removed.merge(key, this.ticks.incrementAndGet(), Math::max);
		}
	}

	@Override
	public void onError(String cache, Throwable error) {
		if (this.errors.size() < 20) {
			this.errors.add(cache + ": " + error);
		}
	}

	/**
	 * Dates the writes the calling thread makes until its next call.
	 */
	void beginCall() {
		this.callStarted.get()[0] = this.ticks.incrementAndGet();
	}

	/**
	 * Forgets what was written and removed so far and records from now on. Call it while
	 * no call is under way.
	 */
	void track() {
		this.written.clear();
		this.removed.clear();
		this.tracking = true;
	}

	/**
	 * The entries written since {@link #track()} whose last write started after their
	 * last reported removal: each must still be readable. Call it while no call is under
	 * way.
	 * @return the entries
	 */
	List<CacheEntry> keptSinceTracking() {
		List<CacheEntry> kept = new ArrayList<>();
		this.written.forEach((key, write) -> {
			if (write.started() > this.removed.getOrDefault(key, 0L)) {
				kept.add(write.entry());
			}
		});
		return kept;
	}

	/**
	 * How many keys written since {@link #track()} were written again after a removal.
	 * @return the count
	 */
	long writtenAgainAfterRemoval() {
		return this.written.entrySet()
			.stream()
			.filter((written) -> written.getValue().started() > this.removed.getOrDefault(written.getKey(), -1L)
					&& this.removed.containsKey(written.getKey()))
			.count();
	}

	/**
	 * How many evictions a cache reported: its own eviction for room or expiry, and
	 * single removals.
	 * @param cache the cache name
	 * @return the count
	 */
	long evictions(String cache) {
		LongAdder count = this.evictions.get(cache);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * The errors reported by any cache, at most twenty.
	 * @return the errors
	 */
	List<String> errors() {
		return this.errors;
	}

	private record Write(long started, CacheEntry entry) {

	}

}
