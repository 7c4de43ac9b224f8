package dev.memoize.support;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.util.ClassUtils;

import reactor.core.scheduler.Schedulers;

/**
 * Where the asynchronous path runs work that may block: the blocking methods of backends,
 * and the {@code CompletableFuture} methods whose cache read finished on another thread
 * than the caller's.
 *
 * <p>
 * With Reactor on the class path this is Reactor's {@link Schedulers#boundedElastic()
 * bounded elastic scheduler}, the one Reactor applications already use for blocking work
 * (and that tools such as BlockHound know allows blocking). Without Reactor, which only
 * {@code CompletableFuture} methods can need, it is a pool of daemon threads bounded the
 * same way (ten per processor, at most 100,000 waiting tasks, idle threads ending after a
 * minute), written here because the JDK has no such ready-made pool.
 */
final class BlockingWork {

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.scheduler.Schedulers",
			BlockingWork.class.getClassLoader());

	private BlockingWork() {
	}

	/**
	 * The executor for blocking work.
	 * @return the executor; it may reject work with
	 * {@link java.util.concurrent.RejectedExecutionException} when saturated
	 */
	static Executor executor() {
		return REACTOR_PRESENT ? BoundedElastic.EXECUTOR : OwnPool.EXECUTOR;
	}

	/**
	 * Reactor's scheduler; a class of its own so that Reactor is loaded only when
	 * present.
	 */
	private static final class BoundedElastic {

		static final Executor EXECUTOR = (task) -> Schedulers.boundedElastic().schedule(task);

	}

	private static final class OwnPool {

		static final Executor EXECUTOR = create();

		private static Executor create() {
			int threads = 10 * Runtime.getRuntime().availableProcessors();
			ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
					new LinkedBlockingQueue<>(100_000), daemonThreads());
			pool.allowCoreThreadTimeOut(true);
			return pool;
		}

		private static ThreadFactory daemonThreads() {
			AtomicInteger count = new AtomicInteger();
			return (task) -> {
				Thread thread = new Thread(task, "memoize-blocking-" + count.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			};
		}

	}

}
