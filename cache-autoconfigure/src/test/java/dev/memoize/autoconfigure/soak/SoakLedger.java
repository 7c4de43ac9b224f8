package dev.memoize.autoconfigure.soak;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

	private final Map<String, CacheEntry> written = new ConcurrentHashMap<>();

	private final Set<String> removed = ConcurrentHashMap.newKeySet();

	private volatile boolean tracking;

	@Override
	public void onPut(String cache, CacheEntry entry) {
		if (this.tracking && SoakService.SOAK.equals(cache)) {
			this.written.put(entry.key(), entry);
		}
	}

	@Override
	public void onEvict(String cache, String key) {
		this.evictions.computeIfAbsent(cache, (name) -> new LongAdder()).increment();
		if (this.tracking && SoakService.SOAK.equals(cache)) {
			this.removed.add(key);
		}
	}

	@Override
	public void onError(String cache, Throwable error) {
		if (this.errors.size() < 20) {
			this.errors.add(cache + ": " + error);
		}
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
	 * The entries written since {@link #track()} that no eviction or removal was reported
	 * for: each must still be readable.
	 * @return the entries by key
	 */
	Map<String, CacheEntry> keptSinceTracking() {
		Map<String, CacheEntry> kept = new ConcurrentHashMap<>(this.written);
		kept.keySet().removeAll(this.removed);
		return kept;
	}

	/**
	 * How many keys written since {@link #track()} were reported removed.
	 * @return the count
	 */
	int removedSinceTracking() {
		return this.removed.size();
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

}
