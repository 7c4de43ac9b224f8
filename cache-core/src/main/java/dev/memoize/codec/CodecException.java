package dev.memoize.codec;

import dev.memoize.MemoizeException;

/**
 * A value could not be encoded or decoded: corrupt bytes, another type, or a class the
 * allow-list refuses.
 */
public class CodecException extends MemoizeException {

	/**
	 * Creates an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public CodecException(String message, Throwable cause) {
		super(message, cause);
	}

}
