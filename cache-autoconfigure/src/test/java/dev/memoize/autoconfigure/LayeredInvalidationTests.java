package dev.memoize.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.testing.Eventually;
import dev.memoize.testing.RedisProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances, each a context with {@code tiered} layered over its own
 * memory cache {@code local} and a shared Redis cache {@code shared}, on a Redis server
 * this class starts on a spare port: an overwrite, an evict or a clear in one instance
 * removes the entry from the other's memory layer, and still does after the Redis server
 * restarts.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LayeredInvalidationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Map<String, Object> ADA = Map.of("name", "ada");

	@TempDir
	static Path directory;

	private static RedisProcess server;

	@BeforeAll
	static void startRedis() {
		server = RedisProcess.start(directory);
	}

	@AfterAll
	static void stopRedis() {
		server.close();
	}

	private static ApplicationContextRunner instance(RedisProcess redis) {
		String prefix = "memoize-test:" + UUID.randomUUID() + ":";
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
			.withUserConfiguration(CountingService.Config.class)
			.withPropertyValues("memoize.default-cache=tiered", "memoize.caches.local.type=memory",
					"memoize.caches.shared.type=redis", "memoize.caches.shared.redis.url=" + redis.url(),
					"memoize.caches.shared.redis.key-prefix=" + prefix, "memoize.caches.tiered.type=layered",
					"memoize.caches.tiered.layered.layers=local,shared");
	}

	private static MemoCache tiered(ApplicationContext context) {
		return context.getBean(MemoCacheManager.class).cache("tiered");
	}

	private static String greetFunc(ApplicationContext context) {
		try (Stream<CacheEntry> entries = tiered(context).entries(EntryFilter.ALL)) {
			return entries.map(CacheEntry::func).filter((func) -> func.contains("greet")).findFirst().orElseThrow();
		}
	}

	private static boolean inMemory(ApplicationContext context, MemoKey key) {
		DefaultMemoCache local = (DefaultMemoCache) context.getBean(MemoCacheManager.class).cache("local");
		return local.backend().get(key) instanceof Lookup.Hit;
	}

	@Test
	void anOverwriteInOneInstanceRemovesTheEntryFromTheOtherInstancesMemoryLayer() {
		ApplicationContextRunner instances = instance(server);
		instances.run((first) -> instances.run((second) -> {
			CountingService firstService = first.getBean(CountingService.class);
			CountingService secondService = second.getBean(CountingService.class);
			assertThat(firstService.greet("ada")).isEqualTo("hello ada");
			assertThat(messagesArrived(first, second, WAIT)).isTrue();
			assertThat(secondService.greet("ada")).isEqualTo("hello ada");
			assertThat(secondService.calls()).isZero();
			String func = greetFunc(first);
			MemoKey key = tiered(first).key(func, ADA);
			assertThat(inMemory(first, key)).isTrue();
			assertThat(inMemory(second, key)).isTrue();
			tiered(first).put(func, ADA, "HELLO ADA");
			Eventually.until(WAIT, "the second instance's memory layer drops the key", () -> !inMemory(second, key));
			assertThat(secondService.greet("ada")).isEqualTo("HELLO ADA");
			assertThat(secondService.calls()).isZero();
			assertThat(inMemory(first, key)).isTrue();
		}));
	}

	@Test
	void anEvictInOneInstanceRemovesTheEntryFromTheOtherInstancesMemoryLayer() {
		ApplicationContextRunner instances = instance(server);
		instances.run((first) -> instances.run((second) -> {
			first.getBean(CountingService.class).greet("ada");
			assertThat(messagesArrived(first, second, WAIT)).isTrue();
			CountingService secondService = second.getBean(CountingService.class);
			secondService.greet("ada");
			MemoKey key = tiered(first).key(greetFunc(first), ADA);
			assertThat(inMemory(second, key)).isTrue();
			assertThat(tiered(first).removeKey(key.key())).isTrue();
			Eventually.until(WAIT, "the second instance's memory layer drops the key", () -> !inMemory(second, key));
			assertThat(secondService.greet("ada")).isEqualTo("hello ada");
			assertThat(secondService.calls()).isEqualTo(1);
		}));
	}

	@Test
	void aClearInOneInstanceRemovesTheEntriesFromTheOtherInstancesMemoryLayer() {
		ApplicationContextRunner instances = instance(server);
		instances.run((first) -> instances.run((second) -> {
			first.getBean(CountingService.class).greet("ada");
			first.getBean(CountingService.class).greet("grace");
			assertThat(messagesArrived(first, second, WAIT)).isTrue();
			CountingService secondService = second.getBean(CountingService.class);
			secondService.greet("ada");
			secondService.greet("grace");
			MemoKey ada = tiered(first).key(greetFunc(first), ADA);
			MemoKey grace = tiered(first).key(greetFunc(first), Map.of("name", "grace"));
			assertThat(tiered(first).clear(EntryFilter.byKeyPrefix(ada.key()))).isEqualTo(1);
			Eventually.until(WAIT, "the second instance's memory layer drops the cleared key",
					() -> !inMemory(second, ada));
			assertThat(inMemory(second, grace)).isTrue();
			tiered(first).clear();
			Eventually.until(WAIT, "the second instance's memory layer is empty", () -> !inMemory(second, grace));
			assertThat(secondService.greet("grace")).isEqualTo("hello grace");
			assertThat(secondService.calls()).isEqualTo(1);
		}));
	}

	@Test
	void invalidationWorksAgainAfterTheRedisServerRestarts(@TempDir Path ownDirectory) {
		AtomicReference<RedisProcess> redis = new AtomicReference<>(RedisProcess.start(ownDirectory));
		try {
			ApplicationContextRunner instances = instance(redis.get());
			instances.run((first) -> instances.run((second) -> {
				first.getBean(CountingService.class).greet("ada");
				assertThat(messagesArrived(first, second, WAIT)).isTrue();
				second.getBean(CountingService.class).greet("ada");
				String func = greetFunc(first);
				MemoKey key = tiered(first).key(func, ADA);
				assertThat(inMemory(second, key)).isTrue();
				redis.get().close();
				redis.set(redis.get().startAgain());
				AtomicInteger round = new AtomicInteger();
				Eventually.until(Duration.ofSeconds(90), "an overwrite in one instance reaches the other",
						() -> overwriteReaches(first, second, func, key, "round " + round.incrementAndGet(),
								Duration.ofSeconds(2)));
				assertThat(overwriteReaches(first, second, func, key, "after recovery", WAIT)).isTrue();
				assertThat(second.getBean(CountingService.class).greet("ada")).isEqualTo("HELLO after recovery");
			}));
		}
		finally {
			redis.get().close();
		}
	}

	@Test
	void instancesStartedWhileRedisIsDownInvalidateEachOtherOnceItIsUp(@TempDir Path ownDirectory) {
		RedisProcess stopped = RedisProcess.start(ownDirectory);
		stopped.close();
		ApplicationContextRunner instances = instance(stopped);
		AtomicReference<RedisProcess> redis = new AtomicReference<>();
		try {
			instances.run((first) -> instances.run((second) -> {
				assertThat(first).hasNotFailed();
				assertThat(second).hasNotFailed();
				redis.set(stopped.startAgain());
				first.getBean(CountingService.class).greet("ada");
				String func = greetFunc(first);
				MemoKey key = tiered(first).key(func, ADA);
				AtomicInteger round = new AtomicInteger();
				Eventually.until(Duration.ofSeconds(90), "an overwrite in one instance reaches the other",
						() -> overwriteReaches(first, second, func, key, "round " + round.incrementAndGet(),
								Duration.ofSeconds(2)));
				assertThat(overwriteReaches(first, second, func, key, "once up", WAIT)).isTrue();
			}));
		}
		finally {
			if (redis.get() != null) {
				redis.get().close();
			}
		}
	}

	/**
	 * Waits until the second instance has handled every message the first sent so far:
	 * messages travel and are handled in order, so once the second drops a marker key
	 * from its memory layer after the first overwrote it, the earlier ones were handled.
	 * @return whether that happened within the wait
	 */
	private static boolean messagesArrived(ApplicationContext first, ApplicationContext second, Duration wait) {
		Map<String, Object> inputs = Map.of("marker", UUID.randomUUID().toString());
		second.getBean(MemoCacheManager.class).cache("local").put("marker", inputs, "in memory");
		tiered(first).put("marker", inputs, "overwritten");
		MemoKey marker = tiered(first).key("marker", inputs);
		try {
			Eventually.until(wait, "the second instance handles the first one's messages",
					() -> !inMemory(second, marker));
			return true;
		}
		catch (AssertionError ex) {
			return false;
		}
	}

	/**
	 * Stores a value through the first instance, reads it into the second's memory layer,
	 * overwrites it through the first, and tells whether the second's memory layer then
	 * drops it within the wait.
	 */
	private static boolean overwriteReaches(ApplicationContext first, ApplicationContext second, String func,
			MemoKey key, String label, Duration wait) {
		tiered(first).put(func, ADA, "hello " + label);
		if (!messagesArrived(first, second, wait) || !tiered(second).get(func, ADA).isPresent()
				|| !inMemory(second, key)) {
			return false;
		}
		tiered(first).put(func, ADA, "HELLO " + label);
		try {
			Eventually.until(wait, "the second instance's memory layer drops the key", () -> !inMemory(second, key));
			return true;
		}
		catch (AssertionError ex) {
			return false;
		}
	}

}
