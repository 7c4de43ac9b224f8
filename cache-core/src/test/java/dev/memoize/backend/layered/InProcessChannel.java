package dev.memoize.backend.layered;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An invalidation channel within one JVM: every message is handed at once, on the
 * publishing thread, to every subscriber, the publisher included. Lets tests run several
 * instances of a layered cache without a Redis server.
 */
final class InProcessChannel {

	private final List<InvalidationListener> listeners = new CopyOnWriteArrayList<>();

	final List<Invalidation> published = new CopyOnWriteArrayList<>();

	/**
	 * A channel of one instance on this bus.
	 * @return the channel
	 */
	InvalidationChannel open() {
		return new InvalidationChannel() {

			@Override
			public void publish(Invalidation invalidation) {
				InProcessChannel.this.published.add(invalidation);
				InProcessChannel.this.listeners.forEach((listener) -> listener.invalidated(invalidation));
			}

			@Override
			public void subscribe(InvalidationListener listener) {
				InProcessChannel.this.listeners.add(listener);
			}

			@Override
			public void close() {
			}

		};
	}

	/**
	 * Tells every subscriber that its connection came back.
	 */
	void resume() {
		this.listeners.forEach(InvalidationListener::resumed);
	}

}
