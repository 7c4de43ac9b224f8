package dev.memoize.backend.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stamps the order of writes: the clock's time in epoch nanoseconds, raised where needed
 * to stay strictly above the previous stamp. Writes of one backend are thus strictly
 * ordered even when the clock stands still or steps back; writes of different application
 * instances are ordered by their clocks. Hand-written because none of the databases
 * offers a sequence that an upsert can draw from on all three. Thread-safe.
 */
final class WriteStamps {

	private final Clock clock;

	private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

	WriteStamps(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The stamp of a write happening now.
	 * @return a stamp greater than every stamp returned before
	 */
	long next() {
		long now = nanos(this.clock.instant());
		return this.last.accumulateAndGet(now, (previous, time) -> Math.max(previous + 1, time));
	}

	private static long nanos(Instant instant) {
		try {
			return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
		}
		catch (ArithmeticException ex) {
			return (instant.getEpochSecond() < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

}
