package dev.memoize.backend.callback;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.memoize.CacheEntry;
import dev.memoize.MemoizeFeed;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.Lookup;
import dev.memoize.backend.noop.NoopBackend;
import dev.memoize.key.MemoKey;

/**
 * A backend that stores nothing itself: every lookup asks the {@link MemoizeFeed}s in
 * order and serves the first answer, and every put reaches the
 * {@link dev.memoize.MemoizeListener}s through the engine's events. A feed that throws is
 * logged and skipped. Thread-safe.
 */
public class CallbackBackend extends NoopBackend {

	/** Metadata name that marks an entry answered by a feed. */
	public static final String SOURCE = "source";

	private static final Logger logger = LoggerFactory.getLogger(CallbackBackend.class);

	private final List<MemoizeFeed> feeds;

	private final String cacheName;

	private final Clock clock;

	/**
	 * Creates a backend.
	 * @param feeds the feeds, in the order they are asked
	 * @param context the cache name and clock
	 */
	public CallbackBackend(List<MemoizeFeed> feeds, BackendContext context) {
		this.feeds = List.copyOf(feeds);
		this.cacheName = context.cacheName();
		this.clock = context.clock();
	}

	@Override
	public Lookup get(MemoKey key) {
		for (MemoizeFeed feed : this.feeds) {
			Optional<Object> answer = ask(feed, key);
			if (answer.isPresent()) {
				return Lookup.hit(CacheEntry.of(key.key(), key.func(), new LinkedHashMap<>(key.inputs()), answer.get(),
						Map.of(SOURCE, feed.getClass().getName()), this.clock.instant(), null));
			}
		}
		return Lookup.miss();
	}

	private Optional<Object> ask(MemoizeFeed feed, MemoKey key) {
		try {
			Optional<Object> answer = feed.answer(this.cacheName, key);
			return (answer != null) ? answer : Optional.empty();
		}
		catch (RuntimeException ex) {
			logger.warn("Memoize feed {} failed for cache '{}' and {}; skipped", feed.getClass().getName(),
					this.cacheName, key.func(), ex);
			return Optional.empty();
		}
	}

}
