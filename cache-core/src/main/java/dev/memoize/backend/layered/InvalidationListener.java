package dev.memoize.backend.layered;

/**
 * Receives the messages of an {@link InvalidationChannel}.
 */
public interface InvalidationListener {

	/**
	 * Handles a message from any instance, this one included.
	 * @param invalidation the message
	 */
	void invalidated(Invalidation invalidation);

	/**
	 * Told when the channel is connected again after it was lost: messages sent meanwhile
	 * were missed.
	 */
	void resumed();

}
