package dev.memoize.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

import dev.memoize.CacheEntry;
import dev.memoize.MemoizeException;
import dev.memoize.WriteOptions;
import dev.memoize.backend.Lookup;
import dev.memoize.backend.noop.NoopBackend;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the asynchronous path of a cache over a backend that stores encoded values: it
 * decodes, expires, counts and handles faults as the synchronous path does.
 */
class AsyncCacheAccessTest {

	private static final ResolvableType ANSWERS = ResolvableType.forClassWithGenerics(List.class, Answer.class);

	private final CacheFixture fixture = new CacheFixture();

	private MapBackend backend;

	private final DefaultMemoCache cache = this.fixture.cache("map", null, true, List.of(), (context) -> {
		this.backend = new MapBackend(context);
		return this.backend;
	});

	private final MemoKey key = this.cache.key("demo#ask", Map.of("prompt", "hi"));

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(30, TimeUnit.SECONDS);
	}

	@Test
	void write_encodesAndRead_decodesToTheDeclaredType() throws Exception {
		List<Answer> answers = List.of(new Answer("a", 1));
		await(this.cache.async().write(this.key, answers, WriteOptions.DEFAULTS));
		assertThat(this.backend.entries.get(this.key.key()).output()).isInstanceOf(EncodedValue.class);
		CacheRead read = await(this.cache.async().read(this.key, ANSWERS));
		assertThat(read.isHit()).isTrue();
		assertThat(read.value()).isEqualTo(answers);
		assertThat(this.cache.stats().puts()).isEqualTo(1);
		assertThat(this.cache.stats().hits()).isEqualTo(1);
	}

	@Test
	void read_ofAnAbsentKeyIsACountedMiss() throws Exception {
		CacheRead read = await(this.cache.async().read(this.key, ANSWERS));
		assertThat(read.isHit()).isFalse();
		assertThat(read.isFailure()).isFalse();
		assertThat(this.cache.stats().misses()).isEqualTo(1);
	}

	@Test
	void reread_isNotCounted() throws Exception {
		await(this.cache.async().reread(this.key, ANSWERS));
		assertThat(this.cache.stats().misses()).isZero();
		assertThat(this.cache.stats().hits()).isZero();
	}

	@Test
	void read_removesACorruptEntryAndMisses() throws Exception {
		this.backend.put(CacheEntry.of(this.key.key(), this.key.func(), Map.of(),
				new EncodedValue(EncodedValue.JSON, new byte[] { '{', 0 }), Map.of(), Instant.EPOCH, null));
		CacheRead read = await(this.cache.async().read(this.key, ANSWERS));
		assertThat(read.isHit()).isFalse();
		assertThat(this.backend.entries).doesNotContainKey(this.key.key());
		assertThat(this.cache.stats().errors()).isEqualTo(1);
		assertThat(this.cache.stats().misses()).isEqualTo(1);
	}

	@Test
	void read_removesAnExpiredEntryCountingAnEviction() throws Exception {
		CacheEntry expired = CacheEntry.of(this.key.key(), this.key.func(), Map.of(), "old", Map.of(),
				this.fixture.clock.instant(), this.fixture.clock.instant().plusSeconds(60));
		List<String> removed = new CopyOnWriteArrayList<>();
		DefaultMemoCache stale = this.fixture.cache("stale", null, true, List.of(), (context) -> new NoopBackend() {

			@Override
			public Lookup get(MemoKey key) {
				return Lookup.hit(expired);
			}

			@Override
			public boolean remove(String key) {
				removed.add(key);
				return true;
			}

		});
		this.fixture.clock.advance(Duration.ofMinutes(1));
		assertThat(await(stale.async().read(this.key, CacheFixture.STRING)).isHit()).isFalse();
		assertThat(removed).containsExactly(this.key.key());
		assertThat(stale.stats().evictions()).isEqualTo(1);
		assertThat(stale.stats().misses()).isEqualTo(1);
	}

	@Test
	void write_vetoedByUnlessStoresNothing() throws Exception {
		await(this.cache.async().write(this.key, List.of(), new WriteOptions(null, Map.of(), (value) -> true)));
		assertThat(this.backend.entries).isEmpty();
		assertThat(this.cache.stats().puts()).isZero();
	}

	@Test
	void write_ofAValueTheCodecCannotEncodeFailsNamingTheCache() {
		CompletableFuture<Void> write = this.cache.async().write(this.key, new Unencodable(), WriteOptions.DEFAULTS);
		assertThat(write.handle((ignored, ex) -> AsyncCacheAccess.unwrap(ex)).join())
			.isInstanceOf(MemoizeException.class)
			.hasMessageContaining("Cache 'map' cannot store");
		assertThat(this.cache.stats().errors()).isEqualTo(1);
	}

	@Test
	void failingBackendFailsOpenAsAFailureRead() throws Exception {
		DefaultMemoCache down = this.fixture.cache("down", null, true, List.of(),
				(context) -> new FailingBackend(false));
		CacheRead read = await(down.async().read(this.key, ANSWERS));
		assertThat(read.isFailure()).isTrue();
		await(down.async().write(this.key, List.of(), WriteOptions.DEFAULTS));
		assertThat(down.stats().errors()).isEqualTo(2);
	}

	@Test
	void failingBackendFailsClosedWithTheCachesName() {
		DefaultMemoCache down = this.fixture.cache("down", null, false, List.of(),
				(context) -> new FailingBackend(false));
		assertThat(down.async().read(this.key, ANSWERS).handle((ignored, ex) -> AsyncCacheAccess.unwrap(ex)).join())
			.isInstanceOf(MemoizeException.class)
			.hasMessageContaining("Cache 'down' failed to read");
		assertThat(down.async()
			.write(this.key, List.of(), WriteOptions.DEFAULTS)
			.handle((ignored, ex) -> AsyncCacheAccess.unwrap(ex))
			.join()).isInstanceOf(MemoizeException.class).hasMessageContaining("Cache 'down' failed to write");
	}

	record Answer(String text, int score) {
	}

	/**
	 * A value JSON cannot carry: its only property fails.
	 */
	static class Unencodable {

		public String getValue() {
			throw new UnsupportedOperationException("no JSON form");
		}

	}

}
