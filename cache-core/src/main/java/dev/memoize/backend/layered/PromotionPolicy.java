package dev.memoize.backend.layered;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Decides, for each hit in a lower layer, whether the entry is copied into the layers
 * above. Thread-safe.
 */
abstract class PromotionPolicy {

	/** Most keys whose lower-layer hits {@link Promotion#FREQUENCY} counts at once. */
	static final long COUNTED_KEYS = 100_000;

	/**
	 * The policy for a promotion setting.
	 * @param promotion the setting
	 * @param threshold the hits after which {@link Promotion#FREQUENCY} promotes
	 * @return the policy
	 */
	static PromotionPolicy of(Promotion promotion, int threshold) {
		return switch (promotion) {
			case ALWAYS -> new Fixed(true);
			case NEVER -> new Fixed(false);
			case FREQUENCY -> new Frequency(threshold);
		};
	}

	/**
	 * Records a hit of a key in a lower layer and answers whether to promote it.
	 * @param key the key
	 * @return {@code true} to copy the entry into the layers above
	 */
	abstract boolean promote(String key);

	private static final class Fixed extends PromotionPolicy {

		private final boolean promote;

		Fixed(boolean promote) {
			this.promote = promote;
		}

		@Override
		boolean promote(String key) {
			return this.promote;
		}

	}

	/**
	 * Counts lower-layer hits per key in a bounded Caffeine cache, so that the counts of
	 * keys read rarely are forgotten first; a promoted key starts counting again.
	 */
	private static final class Frequency extends PromotionPolicy {

		private final int threshold;

		private final Cache<String, AtomicInteger> hits = Caffeine.newBuilder()
			.maximumSize(COUNTED_KEYS)
			.executor(Runnable::run)
			.build();

		Frequency(int threshold) {
			this.threshold = threshold;
		}

		@Override
		boolean promote(String key) {
			int count = this.hits.get(key, (absent) -> new AtomicInteger()).incrementAndGet();
			if (count < this.threshold) {
				return false;
			}
			this.hits.invalidate(key);
			return true;
		}

	}

}
