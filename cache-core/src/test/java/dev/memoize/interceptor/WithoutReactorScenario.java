package dev.memoize.interceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.memoize.Memoize;
import dev.memoize.backend.ForwardingBackend;
import dev.memoize.backend.Lookup;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;
import dev.memoize.key.MemoKey;
import dev.memoize.support.DefaultMemoCache;

/**
 * What {@link WithoutReactorTests} runs in a class loader without Reactor: memoizes a
 * synchronous and a {@code CompletableFuture} method, over an in-memory cache and over a
 * backend that does not keep live objects, and reports what it saw.
 */
public class WithoutReactorScenario implements Callable<List<String>> {

	@Override
	public List<String> call() throws Exception {
		List<String> seen = new ArrayList<>();
		try {
			Class.forName("reactor.core.publisher.Mono", false, getClass().getClassLoader());
			seen.add("Reactor present");
		}
		catch (ClassNotFoundException ex) {
			seen.add("Reactor absent");
		}
		MemoizeProxies proxies = new MemoizeProxies();
		try (DefaultMemoCache memory = proxies.memory()) {
			Service target = new Service();
			Service service = MemoizeProxies.proxy(target, memory);
			service.greet("ada");
			service.greet("ada");
			service.later("ada").get(30, TimeUnit.SECONDS);
			service.later("ada").get(30, TimeUnit.SECONDS);
			seen.add("memory calls " + target.calls);
		}
		List<String> readers = new CopyOnWriteArrayList<>();
		try (DefaultMemoCache persistent = proxies.cache(null, true, List.of(),
				(context) -> new ForwardingBackend(MemoryBackends.create(10, Eviction.LRU, context)) {

					@Override
					public boolean storesLiveObjects() {
						return false;
					}

					@Override
					public Lookup get(MemoKey key) {
						readers.add(Thread.currentThread().getName());
						return super.get(key);
					}

				})) {
			Service target = new Service();
			Service service = MemoizeProxies.proxy(target, persistent);
			service.later("bob").get(30, TimeUnit.SECONDS);
			service.later("bob").get(30, TimeUnit.SECONDS);
			seen.add("persistent calls " + target.calls);
		}
		seen.add("read on " + String.join(",", readers));
		return seen;
	}

	/**
	 * Memoized methods that count their runs.
	 */
	public static class Service {

		final AtomicInteger calls = new AtomicInteger();

		@Memoize
		public String greet(String name) {
			this.calls.incrementAndGet();
			return "hello " + name;
		}

		@Memoize
		public CompletableFuture<String> later(String name) {
			this.calls.incrementAndGet();
			return CompletableFuture.supplyAsync(() -> "later " + name);
		}

	}

}
