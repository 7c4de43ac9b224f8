package dev.memoize.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.springframework.core.ResolvableType;

import dev.memoize.Computation;
import dev.memoize.MemoizeListener;
import dev.memoize.WriteOptions;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;
import dev.memoize.codec.DefaultValueCodec;
import dev.memoize.codec.JavaSerializationCodec;
import dev.memoize.codec.JsonValueCodec;
import dev.memoize.key.MemoKey;
import dev.memoize.key.Sha256KeyGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds caches the way the application does, over a fake clock.
 */
class CacheFixture {

	static final ResolvableType STRING = ResolvableType.forClass(String.class);

	final TestClock clock = new TestClock();

	final JsonMapper mapper = JsonMapper.builder().build();

	final Sha256KeyGenerator keys = new Sha256KeyGenerator(this.mapper, "1", Map.of());

	final DefaultValueCodec codec = new DefaultValueCodec(new JsonValueCodec(this.mapper),
			new JavaSerializationCodec(List.of()));

	DefaultMemoCache cache(String name, Duration ttl, boolean failOpen, List<MemoizeListener> listeners,
			Function<BackendContext, CacheBackend> backend) {
		return DefaultMemoCache
			.create(new CacheSettings(name, this.keys, this.codec, this.clock, ttl, listeners, failOpen), backend);
	}

	DefaultMemoCache memory(Duration ttl, MemoizeListener... listeners) {
		return memory("memory", ttl, 10_000, listeners);
	}

	DefaultMemoCache memory(String name, Duration ttl, long maxEntries, MemoizeListener... listeners) {
		return cache(name, ttl, true, List.of(listeners),
				(context) -> MemoryBackends.create(maxEntries, Eviction.LRU, context));
	}

	/**
	 * A computation that counts its runs and answers {@code value}.
	 */
	static Computation counting(AtomicInteger calls, Object value) {
		return () -> {
			calls.incrementAndGet();
			return value;
		};
	}

	static Object call(DefaultMemoCache cache, MemoKey key, Computation computation) throws Throwable {
		return cache.get(key, STRING, WriteOptions.DEFAULTS, computation);
	}

}
