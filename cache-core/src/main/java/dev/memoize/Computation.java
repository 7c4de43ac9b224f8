package dev.memoize;

/**
 * The work a cache runs on a miss: usually the memoized method itself.
 */
@FunctionalInterface
public interface Computation {

	/**
	 * Computes the value.
	 * @return the value, possibly {@code null}
	 * @throws Throwable whatever the work throws; it is passed on and nothing is stored
	 */
	Object compute() throws Throwable;

}
