package dev.memoize.interceptor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.aop.framework.ProxyFactory;

import dev.memoize.MemoizeListener;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;
import dev.memoize.codec.DefaultValueCodec;
import dev.memoize.codec.JavaSerializationCodec;
import dev.memoize.codec.JsonValueCodec;
import dev.memoize.key.Sha256KeyGenerator;
import dev.memoize.support.CacheSettings;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.support.DefaultMemoCacheManager;
import dev.memoize.support.TestClock;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds caches as the application does, over a clock the tests move, and class proxies
 * that memoize a target's methods through them with plain Spring AOP.
 */
final class MemoizeProxies {

	final TestClock clock = new TestClock();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Sha256KeyGenerator keys = new Sha256KeyGenerator(this.mapper, "1", Map.of());

	private final DefaultValueCodec codec = new DefaultValueCodec(new JsonValueCodec(this.mapper),
			new JavaSerializationCodec(List.of()));

	/**
	 * A cache named {@code default}.
	 * @param ttl its time to live, or {@code null}
	 * @param failOpen whether backend faults compute instead of failing
	 * @param listeners its listeners
	 * @param backend makes its backend
	 * @return the cache
	 */
	DefaultMemoCache cache(Duration ttl, boolean failOpen, List<MemoizeListener> listeners,
			Function<BackendContext, CacheBackend> backend) {
		return DefaultMemoCache
			.create(new CacheSettings("default", this.keys, this.codec, this.clock, ttl, listeners, failOpen), backend);
	}

	DefaultMemoCache memory() {
		return cache(null, true, List.of(), (context) -> MemoryBackends.create(1000, Eviction.LRU, context));
	}

	/**
	 * A proxy of the target whose {@code @Memoize} methods use the cache as their default
	 * cache.
	 * @param <T> the target's type
	 * @param target the target
	 * @param cache the cache
	 * @return the proxy
	 */
	@SuppressWarnings("unchecked")
	static <T> T proxy(T target, DefaultMemoCache cache) {
		DefaultMemoCacheManager manager = new DefaultMemoCacheManager(List.of(cache));
		MemoizeOperationSource operations = new MemoizeOperationSource();
		MemoizeInterceptor interceptor = new MemoizeInterceptor(operations, () -> manager, () -> "default");
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new MemoizeAdvisor(operations, interceptor));
		return (T) factory.getProxy();
	}

}
