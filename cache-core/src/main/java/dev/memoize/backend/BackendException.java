package dev.memoize.backend;

import dev.memoize.MemoizeException;

/**
 * A backend could not carry out an operation: its server is down, slow or refused it.
 */
public class BackendException extends MemoizeException {

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public BackendException(String message, Throwable cause) {
		super(message, cause);
	}

}
