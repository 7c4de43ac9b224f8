package dev.memoize.backend.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.InHeapPages;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * The default in-memory backend: a Caffeine cache bounded by entry count with Window
 * TinyLFU eviction, each entry expiring at its own {@link CacheEntry#expiresAt()} as told
 * by the context's clock. Keeps live objects. Thread-safe.
 */
public class CaffeineBackend implements CacheBackend {

	private static final Duration NEVER = Duration.ofNanos(Long.MAX_VALUE);

	private final Cache<String, CacheEntry> cache;

	private final Clock clock;

	/**
	 * Creates a backend.
	 * @param maxEntries the most entries kept, at least 1
	 * @param context the cache name, clock and eviction listener
	 */
	public CaffeineBackend(long maxEntries, BackendContext context) {
		this.clock = context.clock();
		this.cache = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.ticker(ticker(this.clock))
			.expireAfter(Expiry.<String, CacheEntry>writing((key, entry) -> timeToLive(entry)))
			.executor(Runnable::run)
			.evictionListener((String key, CacheEntry entry, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
				if (key != null) {
					context.evictionListener().accept(key);
				}
			})
			.build();
	}

	/**
	 * Caffeine's time source. For the system clock that is {@link System#nanoTime()},
	 * read on every access of an expiring cache and far cheaper than an {@link Instant};
	 * any other clock (as tests set) is followed exactly.
	 */
	private static Ticker ticker(Clock clock) {
		if (clock.equals(Clock.system(clock.getZone()))) {
			return Ticker.systemTicker();
		}
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
	}

	private Duration timeToLive(CacheEntry entry) {
		if (entry.expiresAt() == null) {
			return NEVER;
		}
		Duration left = Duration.between(this.clock.instant(), entry.expiresAt());
		return left.isNegative() ? Duration.ZERO : left;
	}

	@Override
	public boolean storesLiveObjects() {
		return true;
	}

	@Override
	public Lookup get(MemoKey key) {
		CacheEntry entry = this.cache.getIfPresent(key.key());
		return (entry != null) ? Lookup.hit(entry) : Lookup.miss();
	}

	/**
	 * Reads the keys with one bulk lookup of the Caffeine cache.
	 */
	@Override
	public Map<String, Lookup> getAll(Collection<MemoKey> keys) {
		Map<String, CacheEntry> found = this.cache.getAllPresent(keys.stream().map(MemoKey::key).toList());
		Map<String, Lookup> result = new LinkedHashMap<>();
		for (MemoKey key : keys) {
			CacheEntry entry = found.get(key.key());
			result.put(key.key(), (entry != null) ? Lookup.hit(entry) : Lookup.miss());
		}
		return result;
	}

	@Override
	public void put(CacheEntry entry) {
		this.cache.put(entry.key(), entry);
	}

	/**
	 * Stores the entries with one bulk write of the Caffeine cache.
	 */
	@Override
	public void putAll(List<CacheEntry> entries) {
		Map<String, CacheEntry> byKey = new LinkedHashMap<>();
		entries.forEach((entry) -> byKey.put(entry.key(), entry));
		this.cache.putAll(byKey);
	}

	@Override
	public boolean remove(String key) {
		return this.cache.asMap().remove(key) != null;
	}

	@Override
	public long clear(EntryFilter filter) {
		long removed = 0;
		for (CacheEntry entry : this.cache.asMap().values()) {
			if (filter.matches(entry) && this.cache.asMap().remove(entry.key(), entry)) {
				removed++;
			}
		}
		return removed;
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		return InHeapPages.page(this.cache.asMap().values(), filter, cursor, limit, this.clock.instant());
	}

	@Override
	public long size() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

}
