package dev.memoize.interceptor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.memoize.CacheEntry;
import dev.memoize.backend.ForwardingBackend;
import dev.memoize.EntryFilter;
import dev.memoize.MemoizeListener;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.Lookup;
import dev.memoize.backend.disk.DiskBackend;
import dev.memoize.backend.file.FileBackend;
import dev.memoize.backend.jdbc.JdbcBackend;
import dev.memoize.backend.jdbc.JdbcOptions;
import dev.memoize.backend.jdbc.JdbcPools;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;
import dev.memoize.backend.redis.RedisBackend;
import dev.memoize.backend.redis.RedisConnections;
import dev.memoize.codec.EncodedValue;
import dev.memoize.interceptor.MemoizedService.Answer;
import dev.memoize.key.MemoKey;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.testing.TestServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves with BlockHound that memoized {@code Mono}, {@code Flux} and
 * {@code CompletableFuture} methods never block a non-blocking thread, over every backend
 * that stores: each test calls and subscribes on Reactor's parallel scheduler, whose
 * threads BlockHound watches, misses and then hits. BlockHound is installed for every
 * test of this module by {@code blockhound-junit-platform}; the first tests show it does
 * catch blocking calls on those threads, so the others could fail.
 */
class NonBlockingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void blockHoundCatchesABlockingMethodRunOnAParallelThread() throws Exception {
		MemoizeProxies proxies = new MemoizeProxies();
		try (DefaultMemoCache cache = proxies.memory()) {
			ReactiveService service = MemoizeProxies.proxy(new ReactiveService(), cache);
			assertThatThrownBy(
					() -> Mono.defer(() -> sleepy(service)).subscribeOn(Schedulers.parallel()).block(TIMEOUT))
				.rootCause()
				.isInstanceOf(BlockingOperationError.class)
				.hasMessageContaining("Thread.sleep");
		}
	}

	private static Mono<String> sleepy(ReactiveService service) {
		try {
			return service.sleepy("zzz");
		}
		catch (InterruptedException ex) {
			return Mono.error(ex);
		}
	}

	@Test
	void blockHoundCatchesABlockingBackendCalledFromAParallelThread() {
		CacheBackend backend = sleeping(BackendContext.of("blocking"));
		MemoKey key = new MemoKey("k", "demo#f", Map.of());
		assertThatThrownBy(
				() -> Mono.fromCallable(() -> backend.get(key)).subscribeOn(Schedulers.parallel()).block(TIMEOUT))
			.rootCause()
			.isInstanceOf(BlockingOperationError.class)
			.hasMessageContaining("Thread.sleep");
	}

	@Test
	void theSameBlockingBackendServesMemoizedMethodsOnParallelThreads() throws Exception {
		MemoizeProxies proxies = new MemoizeProxies();
		try (DefaultMemoCache cache = proxies.cache(null, true, List.of(), NonBlockingTests::sleeping)) {
			ReactiveService target = new ReactiveService();
			ReactiveService service = MemoizeProxies.proxy(target, cache);
			for (int i = 0; i < 2; i++) {
				assertThat(Mono.defer(() -> service.ask("why")).subscribeOn(Schedulers.parallel()).block(TIMEOUT))
					.isEqualTo(new Answer("why", 3));
			}
			assertThat(target.calls).hasValue(1);
			assertThat(cache.stats().errors()).isZero();
		}
	}

	/**
	 * An in-memory backend posing as a persistent one that sleeps a millisecond in every
	 * read and write: as blocking as a backend can be, in a way BlockHound sees. (It sees
	 * blocking calls made in Java; SQLite's and RocksDB's reads happen in native code it
	 * cannot see, yet they are offloaded like every blocking backend's.)
	 */
	private static CacheBackend sleeping(BackendContext context) {
		return new ForwardingBackend(MemoryBackends.create(100, Eviction.LRU, context)) {

			@Override
			public boolean storesLiveObjects() {
				return false;
			}

			@Override
			public Lookup get(MemoKey key) {
				sleep();
				return super.get(key);
			}

			@Override
			public void put(CacheEntry entry) {
				sleep();
				super.put(entry);
			}

			private void sleep() {
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		};
	}

	/**
	 * The tests every backend passes.
	 */
	abstract static class OnParallelThreads {

		final MemoizeProxies proxies = new MemoizeProxies();

		final List<Throwable> errors = new CopyOnWriteArrayList<>();

		final ReactiveService reactiveTarget = new ReactiveService();

		final FutureService futureTarget = new FutureService();

		DefaultMemoCache cache;

		ReactiveService reactive;

		FutureService futures;

		abstract CacheBackend backend(BackendContext context);

		@BeforeEach
		void createCache() {
			MemoizeListener listener = new MemoizeListener() {

				@Override
				public void onError(String cache, Throwable error) {
					OnParallelThreads.this.errors.add(error);
				}

			};
			this.cache = this.proxies.cache(null, true, List.of(listener), this::backend);
			this.reactive = MemoizeProxies.proxy(this.reactiveTarget, this.cache);
			this.futures = MemoizeProxies.proxy(this.futureTarget, this.cache);
		}

		@AfterEach
		void closeCache() throws Exception {
			try {
				this.cache.clear();
			}
			finally {
				this.cache.close();
			}
		}

		private static <T> T onParallel(Mono<T> work) {
			return Mono.defer(() -> work).subscribeOn(Schedulers.parallel()).block(TIMEOUT);
		}

		@Test
		void monoMissThenHit() {
			String prompt = UUID.randomUUID().toString();
			Answer expected = new Answer(prompt, prompt.length());
			assertThat(onParallel(Mono.defer(() -> this.reactive.ask(prompt)))).isEqualTo(expected);
			assertThat(onParallel(Mono.defer(() -> this.reactive.ask(prompt)))).isEqualTo(expected);
			assertThat(this.reactiveTarget.calls).hasValue(1);
			assertCountedWithoutErrors();
		}

		@Test
		void emptyMonoMissThenHit() {
			String prompt = UUID.randomUUID().toString();
			assertThat(onParallel(Mono.defer(() -> this.reactive.nothing(prompt)))).isNull();
			assertThat(onParallel(Mono.defer(() -> this.reactive.nothing(prompt)))).isNull();
			assertThat(this.reactiveTarget.calls).hasValue(1);
			assertCountedWithoutErrors();
		}

		@Test
		void fluxMissThenHit() {
			String text = UUID.randomUUID() + " " + UUID.randomUUID();
			List<Answer> first = onParallel(Mono.defer(() -> this.reactive.words(text).collectList()));
			List<Answer> second = onParallel(Mono.defer(() -> this.reactive.words(text).collectList()));
			assertThat(first).hasSize(2).isEqualTo(second);
			assertThat(this.reactiveTarget.calls).hasValue(1);
			assertCountedWithoutErrors();
		}

		@Test
		void futureMissThenHit() throws Exception {
			String prompt = UUID.randomUUID().toString();
			Answer expected = new Answer(prompt, prompt.length());
			assertThat(onParallel(Mono.fromCallable(() -> this.futures.ask(prompt))).get(30, TimeUnit.SECONDS))
				.isEqualTo(expected);
			CompletableFuture<Answer> second = onParallel(Mono.fromCallable(() -> this.futures.ask(prompt)));
			assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
			assertThat(this.futureTarget.calls).hasValue(1);
			assertCountedWithoutErrors();
		}

		private void assertCountedWithoutErrors() {
			assertThat(this.errors).isEmpty();
			assertThat(this.cache.stats().errors()).isZero();
			assertThat(this.cache.stats().misses()).isEqualTo(1);
			assertThat(this.cache.stats().hits()).isEqualTo(1);
			assertThat(this.cache.entries(EntryFilter.ALL).count()).isEqualTo(1);
		}

	}

	@Nested
	class StoresAreWatched {

		@TempDir
		Path directory;

		@Test
		void sqliteStatementOnAParallelThreadIsCaught() {
			try (JdbcBackend backend = JdbcBackend.createOwning(
					JdbcPools.open("jdbc:sqlite:" + this.directory.resolve("watched.db"), null, null, 2, "watched"),
					JdbcOptions.defaults(), BackendContext.of("watched"))) {
				assertCaughtOnAParallelThread(backend);
			}
		}

		@Test
		void rocksDbReadOnAParallelThreadIsCaught() {
			try (DiskBackend backend = new DiskBackend(this.directory, 1L << 20, BackendContext.of("watched"))) {
				assertCaughtOnAParallelThread(backend);
			}
		}

		@Test
		void fileReadOnAParallelThreadIsCaught() {
			FileBackend backend = new FileBackend(this.directory, 100, BackendContext.of("watched"));
			backend.put(CacheEntry.of("k", "demo#f", Map.of(), new EncodedValue("json", new byte[] { '1' }), Map.of(),
					Instant.now(), null));
			assertCaughtOnAParallelThread(backend);
		}

		@Test
		void blockingRedisReadOnAParallelThreadIsCaught() {
			try (RedisBackend backend = RedisBackend.owning(
					RedisConnections.standalone(TestServers.redisUrl(), Duration.ofSeconds(10)),
					"memoize-test:" + NonBlockingTests.class.getSimpleName() + ":" + UUID.randomUUID() + ":",
					BackendContext.of("watched"))) {
				assertCaughtOnAParallelThread(backend);
			}
		}

		private void assertCaughtOnAParallelThread(CacheBackend backend) {
			MemoKey key = new MemoKey("k", "demo#f", Map.of());
			assertThatThrownBy(
					() -> Mono.fromCallable(() -> backend.get(key)).subscribeOn(Schedulers.parallel()).block(TIMEOUT))
				.rootCause()
				.isInstanceOf(BlockingOperationError.class);
		}

	}

	@Nested
	class Memory extends OnParallelThreads {

		@Override
		CacheBackend backend(BackendContext context) {
			return MemoryBackends.create(100, Eviction.TINYLFU, context);
		}

	}

	@Nested
	class Redis extends OnParallelThreads {

		@Override
		CacheBackend backend(BackendContext context) {
			return RedisBackend.owning(RedisConnections.standalone(TestServers.redisUrl(), Duration.ofSeconds(10)),
					"memoize-test:" + NonBlockingTests.class.getSimpleName() + ":" + UUID.randomUUID() + ":", context);
		}

	}

	@Nested
	class SqliteJdbc extends OnParallelThreads {

		@TempDir
		Path directory;

		@Override
		CacheBackend backend(BackendContext context) {
			return JdbcBackend.createOwning(
					JdbcPools.open("jdbc:sqlite:" + this.directory.resolve("cache.db"), null, null, 4, "non-blocking"),
					JdbcOptions.defaults(), context);
		}

	}

	@Nested
	class Disk extends OnParallelThreads {

		@TempDir
		Path directory;

		@Override
		CacheBackend backend(BackendContext context) {
			return new DiskBackend(this.directory, 64L << 20, context);
		}

	}

	@Nested
	class File extends OnParallelThreads {

		@TempDir
		Path directory;

		@Override
		CacheBackend backend(BackendContext context) {
			return new FileBackend(this.directory, 1000, context);
		}

	}

}
