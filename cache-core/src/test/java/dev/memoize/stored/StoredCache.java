package dev.memoize.stored;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.ResolvableType;

import dev.memoize.CacheEntry;
import dev.memoize.CacheStats;
import dev.memoize.WriteOptions;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.RawStore;
import dev.memoize.codec.DefaultValueCodec;
import dev.memoize.codec.EncodedValue;
import dev.memoize.codec.JavaSerializationCodec;
import dev.memoize.codec.JsonValueCodec;
import dev.memoize.key.MemoKey;
import dev.memoize.key.Sha256KeyGenerator;
import dev.memoize.support.CacheSettings;
import dev.memoize.support.DefaultMemoCache;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caches over one {@link RawStore}, built as the application builds them (JSON codec,
 * Java serialization for an allow-list, fail-open off so that any exception would reach
 * the caller), each opened for one step of a test and closed before the store is touched
 * directly.
 */
final class StoredCache {

	static final String FUNC = "dev.memoize.stored.Service#answer(int)";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Sha256KeyGenerator keys = new Sha256KeyGenerator(this.mapper, "1", Map.of());

	private final DefaultValueCodec codec;

	private final RawStore store;

	StoredCache(RawStore store, List<String> javaSerializationAllowList) {
		this.store = store;
		this.codec = new DefaultValueCodec(new JsonValueCodec(this.mapper),
				new JavaSerializationCodec(javaSerializationAllowList));
	}

	MemoKey key(int n) {
		return this.keys.generate(FUNC, Map.of("n", n));
	}

	DefaultMemoCache open() {
		return DefaultMemoCache.create(
				new CacheSettings("stored", this.keys, this.codec, Clock.systemUTC(), null, List.of(), false),
				this.store::open);
	}

	/**
	 * Stores an entry holding exactly the given value bytes, through the backend's own
	 * record format.
	 */
	void writeRaw(MemoKey key, EncodedValue value) throws Exception {
		try (CacheBackend backend = this.store.open(BackendContext.of("stored"))) {
			backend.put(CacheEntry.of(key.key(), key.func(), Map.of("n", key.inputs().get("n")), value, Map.of(),
					Instant.now(), null));
		}
	}

	/**
	 * Calls the memoized method once through a fresh cache.
	 */
	Call call(MemoKey key, ResolvableType type, Object fresh) throws Throwable {
		try (DefaultMemoCache cache = open()) {
			AtomicInteger computed = new AtomicInteger();
			Object value = cache.get(key, type, WriteOptions.DEFAULTS, () -> {
				computed.incrementAndGet();
				return fresh;
			});
			return new Call(value, computed.get(), cache.stats());
		}
	}

	/**
	 * What one call returned and did.
	 *
	 * @param value the value the caller got
	 * @param computed how many times the method ran
	 * @param stats the cache's statistics after the call
	 */
	record Call(Object value, int computed, CacheStats stats) {

	}

}
