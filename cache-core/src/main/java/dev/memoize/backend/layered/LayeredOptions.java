package dev.memoize.backend.layered;

import java.time.Duration;
import java.util.Objects;

/**
 * How a layered cache promotes and writes.
 *
 * @param promotion when a lower-layer hit is copied into the layers above
 * @param promotionThreshold hits in lower layers after which {@link Promotion#FREQUENCY}
 * promotes a key, at least 1
 * @param write how entries are written into the layers
 * @param flushInterval with {@link WriteStrategy#WRITE_BACK}, longest time a queued write
 * waits for the lower layers, positive
 * @param batchSize with {@link WriteStrategy#WRITE_BACK}, most entries written to a lower
 * layer at once; a queue this long is flushed without waiting for the interval; at least
 * 1
 * @param maxPending with {@link WriteStrategy#WRITE_BACK}, most queued entries; a write
 * that finds the queue this long flushes it itself before returning; at least
 * {@code batchSize}
 */
public record LayeredOptions(Promotion promotion, int promotionThreshold, WriteStrategy write, Duration flushInterval,
		int batchSize, int maxPending) {

	/** Default promotion threshold. */
	public static final int DEFAULT_PROMOTION_THRESHOLD = 2;

	/** Default write-back flush interval. */
	public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

	/** Default write-back batch size. */
	public static final int DEFAULT_BATCH_SIZE = 500;

	/** Default most queued write-back entries. */
	public static final int DEFAULT_MAX_PENDING = 10_000;

	/**
	 * Checks the options.
	 * @throws IllegalArgumentException if a number is out of range
	 */
	public LayeredOptions {
		Objects.requireNonNull(promotion, "promotion");
		Objects.requireNonNull(write, "write");
		Objects.requireNonNull(flushInterval, "flushInterval");
		if (promotionThreshold < 1) {
			throw new IllegalArgumentException("promotionThreshold must be at least 1, was " + promotionThreshold);
		}
		if (flushInterval.isNegative() || flushInterval.isZero()) {
			throw new IllegalArgumentException("flushInterval must be positive, was " + flushInterval);
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
		}
		if (maxPending < batchSize) {
			throw new IllegalArgumentException(
					"maxPending must be at least batchSize (" + batchSize + "), was " + maxPending);
		}
	}

	/**
	 * Promotion {@link Promotion#ALWAYS}, {@link WriteStrategy#WRITE_THROUGH}, and the
	 * default write-back settings.
	 * @return the defaults
	 */
	public static LayeredOptions defaults() {
		return new LayeredOptions(Promotion.ALWAYS, DEFAULT_PROMOTION_THRESHOLD, WriteStrategy.WRITE_THROUGH,
				DEFAULT_FLUSH_INTERVAL, DEFAULT_BATCH_SIZE, DEFAULT_MAX_PENDING);
	}

	/**
	 * These options with another promotion.
	 * @param promotion the promotion
	 * @param threshold the threshold, used by {@link Promotion#FREQUENCY}
	 * @return the options
	 */
	public LayeredOptions withPromotion(Promotion promotion, int threshold) {
		return new LayeredOptions(promotion, threshold, this.write, this.flushInterval, this.batchSize,
				this.maxPending);
	}

	/**
	 * These options with another write strategy.
	 * @param write the strategy
	 * @return the options
	 */
	public LayeredOptions withWrite(WriteStrategy write) {
		return new LayeredOptions(this.promotion, this.promotionThreshold, write, this.flushInterval, this.batchSize,
				this.maxPending);
	}

	/**
	 * These options with other write-back settings.
	 * @param flushInterval the flush interval
	 * @param batchSize the batch size
	 * @param maxPending the most queued entries
	 * @return the options
	 */
	public LayeredOptions withWriteBack(Duration flushInterval, int batchSize, int maxPending) {
		return new LayeredOptions(this.promotion, this.promotionThreshold, this.write, flushInterval, batchSize,
				maxPending);
	}

}
