package dev.memoize.support;

/**
 * The outcome of an asynchronous cache read: a hit with the value decoded to the declared
 * type (possibly {@code null}), a miss, or a failure of the backend that has been counted
 * and reported. Immutable.
 */
public final class CacheRead {

	private static final CacheRead MISS = new CacheRead(false, null, false);

	private static final CacheRead FAILURE = new CacheRead(false, null, true);

	private final boolean hit;

	private final Object value;

	private final boolean failure;

	private CacheRead(boolean hit, Object value, boolean failure) {
		this.hit = hit;
		this.value = value;
		this.failure = failure;
	}

	static CacheRead hit(Object value) {
		return new CacheRead(true, value, false);
	}

	/**
	 * A read that found nothing usable.
	 * @return the miss
	 */
	public static CacheRead miss() {
		return MISS;
	}

	static CacheRead failure() {
		return FAILURE;
	}

	/**
	 * Whether a value was found.
	 * @return {@code true} for a hit
	 */
	public boolean isHit() {
		return this.hit;
	}

	/**
	 * Whether the backend failed, so the value is unknown rather than absent.
	 * @return {@code true} for a failure
	 */
	public boolean isFailure() {
		return this.failure;
	}

	/**
	 * The value found.
	 * @return the value of a hit, possibly {@code null}; {@code null} otherwise
	 */
	public Object value() {
		return this.value;
	}

}
