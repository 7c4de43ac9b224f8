package dev.memoize.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something another thread or process does, by asking again and again until it
 * holds or a timeout passes: for tests of background work, instead of sleeping for a
 * guessed time. The timeout bounds a failing test; it is not a claim about how fast the
 * work is.
 */
public final class Eventually {

	private static final long PAUSE_MILLIS = 20;

	private Eventually() {
	}

	/**
	 * Waits until the condition holds.
	 * @param timeout how long to wait at most
	 * @param what what is awaited, for the failure message
	 * @param condition the condition
	 * @throws AssertionError if it does not hold within the timeout
	 */
	public static void until(Duration timeout, String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Timed out after " + timeout + " waiting until " + what);
			}
			try {
				Thread.sleep(PAUSE_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted waiting until " + what, ex);
			}
		}
	}

}
