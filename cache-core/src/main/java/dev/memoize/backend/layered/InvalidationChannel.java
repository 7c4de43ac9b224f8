package dev.memoize.backend.layered;

/**
 * How the instances of a layered cache tell each other about changes, so that none keeps
 * serving from its heap an entry another instance replaced or removed. Messages are
 * delivered at most once: a message sent while a receiver is disconnected is lost, which
 * the receiver learns through {@link InvalidationListener#resumed()}.
 */
public interface InvalidationChannel extends AutoCloseable {

	/** A channel that sends nothing and receives nothing. */
	InvalidationChannel NONE = new InvalidationChannel() {

		@Override
		public void publish(Invalidation invalidation) {
		}

		@Override
		public void subscribe(InvalidationListener listener) {
		}

		@Override
		public void close() {
		}

		@Override
		public String toString() {
			return "no invalidation";
		}

	};

	/**
	 * Sends a message to every subscribed instance, this one included. Never throws; a
	 * message that cannot be sent is logged and dropped. May return before the message is
	 * sent.
	 * @param invalidation the message
	 */
	void publish(Invalidation invalidation);

	/**
	 * Starts delivering the messages of every instance to the listener, one at a time.
	 * Called at most once. Never throws for an unreachable transport: delivery starts
	 * when it is reached.
	 * @param listener the listener
	 */
	void subscribe(InvalidationListener listener);

	/**
	 * Sends what is queued, stops delivering and releases the channel's resources. Later
	 * calls do nothing; later messages are dropped.
	 */
	@Override
	void close();

}
