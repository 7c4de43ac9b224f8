package dev.memoize.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;
import dev.memoize.backend.layered.LayeredBackend;
import dev.memoize.support.DefaultMemoCache;

/**
 * Winds the layered caches down while the application stops, before connection factories
 * that are lifecycle beans (the application's Lettuce {@code RedisConnectionFactory},
 * phase 0) stop and long before the caches close: writes the write-back queues to the
 * lower layers, then closes the invalidation channels once they have sent what they
 * queued. It stops after the web server's graceful shutdown and the web server itself, so
 * that requests no longer write. The caches write what was queued meanwhile when they
 * close.
 */
class LayeredShutdown implements SmartLifecycle {

	/**
	 * After the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}) and the web
	 * server ({@code DEFAULT_PHASE - 2048}), before phase 0.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger logger = LoggerFactory.getLogger(LayeredShutdown.class);

	private final ObjectProvider<MemoCacheManager> caches;

	private volatile boolean running;

	LayeredShutdown(ObjectProvider<MemoCacheManager> caches) {
		this.caches = caches;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		MemoCacheManager manager = this.caches.getIfAvailable();
		if (manager == null) {
			return;
		}
		for (String name : manager.names()) {
			MemoCache cache = manager.cache(name);
			if (cache instanceof DefaultMemoCache memo && memo.backend() instanceof LayeredBackend layered) {
				try {
					layered.flush();
				}
				catch (RuntimeException ex) {
					logger.warn("Cache '{}' could not write its queue to its lower layers on shutdown; it tries again "
							+ "when it closes", name, ex);
				}
				layered.channel().close();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
