package dev.memoize.backend.disk;

/**
 * A stored record cannot be read back: truncated, altered, or written in a format this
 * version does not know. The backend treats it as a miss and deletes it.
 */
class CorruptRecordException extends Exception {

	CorruptRecordException(String message) {
		super(message);
	}

	CorruptRecordException(String message, Throwable cause) {
		super(message, cause);
	}

}
