package dev.memoize.autoconfigure.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.memoize.CacheStats;
import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;

/**
 * Binds the meters of every cache of a {@link MemoCacheManager}, each tagged
 * {@code cache=<name>}:
 * <ul>
 * <li>{@code memoize.gets} (counter, tag {@code result=hit} or {@code result=miss}):
 * lookups served from the cache, and lookups that found nothing;</li>
 * <li>{@code memoize.puts} (counter): entries written;</li>
 * <li>{@code memoize.evictions} (counter): entries removed by eviction, expiry or an
 * explicit evict;</li>
 * <li>{@code memoize.errors} (counter): backend faults and undecodable entries;</li>
 * <li>{@code memoize.loads} (timer): computations that ran because of a miss, and their
 * total time.</li>
 * </ul>
 * The meters are function meters: they read {@link MemoCache#stats()} when the registry
 * asks, as Micrometer's own Caffeine cache metrics do, so calls through the cache pay
 * nothing for them. Thread-safe.
 */
public class MemoCacheMetrics implements MeterBinder {

	/** One description for both results: a registry keeps one per meter name. */
	private static final String GETS_DESCRIPTION = "Lookups in the cache, by result: hit or miss";

	private final MemoCacheManager manager;

	private final Iterable<Tag> tags;

	/**
	 * Creates meters for the caches of a manager.
	 * @param manager the caches, all of which get meters
	 * @param tags tags added to every meter, besides {@code cache}
	 */
	public MemoCacheMetrics(MemoCacheManager manager, Iterable<Tag> tags) {
		this.manager = manager;
		this.tags = tags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String name : this.manager.names()) {
			bind(registry, this.manager.cache(name));
		}
	}

	private void bind(MeterRegistry registry, MemoCache cache) {
		Tags cacheTags = Tags.concat(this.tags, "cache", cache.name());
		counter(registry, "memoize.gets", cache, cacheTags.and("result", "hit"), CacheStats::hits, GETS_DESCRIPTION);
		counter(registry, "memoize.gets", cache, cacheTags.and("result", "miss"), CacheStats::misses, GETS_DESCRIPTION);
		counter(registry, "memoize.puts", cache, cacheTags, CacheStats::puts, "Entries written to the cache");
		counter(registry, "memoize.evictions", cache, cacheTags, CacheStats::evictions,
				"Entries removed by eviction, expiry or an explicit evict");
		counter(registry, "memoize.errors", cache, cacheTags, CacheStats::errors,
				"Backend faults and undecodable entries");
		ToLongFunction<MemoCache> loads = (memoCache) -> memoCache.stats().loads();
		ToDoubleFunction<MemoCache> loadNanos = (memoCache) -> memoCache.stats().totalLoadNanos();
		FunctionTimer.builder("memoize.loads", cache, loads, loadNanos, TimeUnit.NANOSECONDS)
			.tags(cacheTags)
			.description("Computations that ran because of a miss")
			.register(registry);
	}

	private static void counter(MeterRegistry registry, String name, MemoCache cache, Tags tags,
			ToLongFunction<CacheStats> count, String description) {
		FunctionCounter.builder(name, cache, (memoCache) -> count.applyAsLong(memoCache.stats()))
			.tags(tags)
			.description(description)
			.register(registry);
	}

}
