package dev.memoize.interceptor;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.aop.framework.ProxyFactory;

import dev.memoize.MemoCache;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
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
 * One cache named {@code default} over a backend of the test's choice, built the way the
 * application builds it, with a clock that stands still, and class proxies that memoize a
 * target's methods in it. Close it to close the cache.
 */
public final class BatchFixture implements AutoCloseable {

	private final TestClock clock = new TestClock();

	private final DefaultMemoCacheManager manager;

	private final DefaultMemoCache cache;

	/**
	 * Creates a fail-open cache over the backend.
	 * @param backend makes the backend from its context
	 */
	public BatchFixture(Function<BackendContext, CacheBackend> backend) {
		this(backend, true);
	}

	/**
	 * Creates a cache over the backend.
	 * @param backend makes the backend from its context
	 * @param failOpen whether backend faults compute instead of failing the call
	 */
	public BatchFixture(Function<BackendContext, CacheBackend> backend, boolean failOpen) {
		JsonMapper mapper = JsonMapper.builder().build();
		CacheSettings settings = new CacheSettings("default", new Sha256KeyGenerator(mapper, "1", Map.of()),
				new DefaultValueCodec(new JsonValueCodec(mapper), new JavaSerializationCodec(List.of())), this.clock,
				null, List.of(), failOpen);
		this.cache = DefaultMemoCache.create(settings, backend);
		this.manager = new DefaultMemoCacheManager(List.of(this.cache));
	}

	/**
	 * The cache.
	 * @return the cache
	 */
	public MemoCache cache() {
		return this.cache;
	}

	/**
	 * The clock of the cache.
	 * @return the clock
	 */
	public TestClock clock() {
		return this.clock;
	}

	/**
	 * A class proxy of the target whose {@code @Memoize} methods use the cache.
	 * @param <T> the target's type
	 * @param target the target
	 * @return the proxy
	 */
	@SuppressWarnings("unchecked")
	public <T> T proxy(T target) {
		MemoizeOperationSource operations = new MemoizeOperationSource();
		MemoizeInterceptor interceptor = new MemoizeInterceptor(operations, () -> this.manager, () -> "default");
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new MemoizeAdvisor(operations, interceptor));
		return (T) factory.getProxy();
	}

	@Override
	public void close() throws Exception {
		this.manager.close();
	}

}
