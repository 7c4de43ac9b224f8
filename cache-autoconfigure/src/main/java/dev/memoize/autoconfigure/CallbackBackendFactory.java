package dev.memoize.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import dev.memoize.MemoizeFeed;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.callback.CallbackBackend;

/**
 * Creates {@code callback} backends, which answer from {@link MemoizeFeed} beans.
 */
public class CallbackBackendFactory implements CacheBackendFactory {

	private final Supplier<List<MemoizeFeed>> feeds;

	/**
	 * Creates a factory.
	 * @param feeds supplies the feeds, in order
	 */
	public CallbackBackendFactory(Supplier<List<MemoizeFeed>> feeds) {
		this.feeds = feeds;
	}

	@Override
	public String type() {
		return "callback";
	}

	@Override
	public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context) {
		return new CallbackBackend(this.feeds.get(), context);
	}

}
