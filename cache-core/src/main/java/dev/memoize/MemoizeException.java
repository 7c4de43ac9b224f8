package dev.memoize;

/**
 * The one exception type Memoize throws: a misconfigured method or cache, an input that
 * cannot be keyed, or a backend fault when {@code memoize.fail-open} is {@code false}.
 */
public class MemoizeException extends RuntimeException {

	/**
	 * Creates an exception with a message that names what is wrong.
	 * @param message what is wrong
	 */
	public MemoizeException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and its cause.
	 * @param message what is wrong
	 * @param cause the underlying failure
	 */
	public MemoizeException(String message, Throwable cause) {
		super(message, cause);
	}

}
