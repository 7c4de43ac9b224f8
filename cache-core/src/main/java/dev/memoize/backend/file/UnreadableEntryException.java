package dev.memoize.backend.file;

/**
 * An entry file that is not an entry: not JSON, truncated, or missing or mistyping a
 * field.
 */
class UnreadableEntryException extends Exception {

	UnreadableEntryException(String message) {
		super(message);
	}

	UnreadableEntryException(String message, Throwable cause) {
		super(message, cause);
	}

}
