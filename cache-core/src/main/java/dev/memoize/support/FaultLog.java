package dev.memoize.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the backend faults of one cache without flooding the log: the first fault of an
 * outage with its stack trace, then at most one line a minute with the count of faults
 * since, and one line when the backend works again. Thread-safe.
 */
final class FaultLog {

	private static final Logger logger = LoggerFactory.getLogger(FaultLog.class);

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final String cache;

	private final AtomicLong suppressed = new AtomicLong();

	private volatile boolean failing;

	private volatile long lastLoggedNanos;

	FaultLog(String cache) {
		this.cache = cache;
	}

	void fault(String operation, Throwable cause) {
		long now = System.nanoTime();
		if (!this.failing) {
			this.failing = true;
			this.lastLoggedNanos = now;
			logger.warn("Cache '{}' failed to {}; calls compute their results until it recovers", this.cache, operation,
					cause);
		}
		else if (now - this.lastLoggedNanos > INTERVAL_NANOS) {
			this.lastLoggedNanos = now;
			logger.warn("Cache '{}' still failing ({} more faults, latest on {}: {})", this.cache,
					this.suppressed.getAndSet(0) + 1, operation, cause.toString());
		}
		else {
			this.suppressed.incrementAndGet();
		}
	}

	void success() {
		if (this.failing) {
			this.failing = false;
			logger.info("Cache '{}' works again ({} faults not logged)", this.cache, this.suppressed.getAndSet(0));
		}
	}

}
