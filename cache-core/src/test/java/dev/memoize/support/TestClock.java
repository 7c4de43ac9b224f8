package dev.memoize.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for tests that stands still until it is told to move.
 */
public final class TestClock extends Clock {

	private volatile Instant now;

	private final ZoneId zone;

	public TestClock() {
		this(Instant.parse("2025-01-01T00:00:00Z"));
	}

	public TestClock(Instant start) {
		this(start, ZoneOffset.UTC);
	}

	private TestClock(Instant start, ZoneId zone) {
		this.now = start;
		this.zone = zone;
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 * @return this clock
	 */
	public TestClock advance(Duration duration) {
		synchronized (this) {
			this.now = this.now.plus(duration);
		}
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new TestClock(this.now, zone);
	}

}
