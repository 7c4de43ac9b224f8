package dev.memoize.autoconfigure;

/**
 * Reads the whole message chain of a start-up failure.
 */
final class StartupFailures {

	private StartupFailures() {
	}

	/**
	 * The messages of a failure and all its causes, one per line.
	 * @param failure the failure
	 * @return the messages
	 */
	static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			messages.append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
