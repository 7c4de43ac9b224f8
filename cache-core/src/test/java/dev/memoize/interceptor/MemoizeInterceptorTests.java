package dev.memoize.interceptor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.MemoizeException;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;
import dev.memoize.codec.DefaultValueCodec;
import dev.memoize.codec.JavaSerializationCodec;
import dev.memoize.codec.JsonValueCodec;
import dev.memoize.interceptor.MemoizedService.Answer;
import dev.memoize.key.Sha256KeyGenerator;
import dev.memoize.support.CacheSettings;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.support.DefaultMemoCacheManager;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import dev.memoize.support.TestClock;

/**
 * Tests of {@link MemoizeInterceptor} through a class proxy built with plain Spring AOP,
 * over in-memory caches and a clock the tests move.
 */
class MemoizeInterceptorTests {

	private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

	private final TestClock clock = new TestClock(START);

	private DefaultMemoCacheManager manager;

	private MemoizedService target;

	private MemoizedService service;

	@BeforeEach
	void createProxy() {
		JsonMapper mapper = JsonMapper.builder().build();
		Sha256KeyGenerator keys = new Sha256KeyGenerator(mapper, "1", Map.of());
		DefaultValueCodec codec = new DefaultValueCodec(new JsonValueCodec(mapper),
				new JavaSerializationCodec(List.of()));
		this.manager = new DefaultMemoCacheManager(List.of(cache("default", null, Eviction.TINYLFU, keys, codec),
				cache("short", Duration.ofMinutes(10), Eviction.LRU, keys, codec)));
		MemoizeOperationSource operations = new MemoizeOperationSource();
		MemoizeInterceptor interceptor = new MemoizeInterceptor(operations, () -> this.manager, () -> "default");
		this.target = new MemoizedService();
		ProxyFactory factory = new ProxyFactory(this.target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new MemoizeAdvisor(operations, interceptor));
		this.service = (MemoizedService) factory.getProxy();
	}

	private DefaultMemoCache cache(String name, Duration ttl, Eviction eviction, Sha256KeyGenerator keys,
			DefaultValueCodec codec) {
		CacheSettings settings = new CacheSettings(name, keys, codec, this.clock, ttl, List.of(), true);
		return DefaultMemoCache.create(settings, (context) -> MemoryBackends.create(1000, eviction, context));
	}

	@AfterEach
	void closeCaches() throws Exception {
		this.manager.close();
	}

	private int calls() {
		return this.target.calls.get();
	}

	private List<CacheEntry> entries(String cache) {
		return this.manager.cache(cache).entries(EntryFilter.ALL).toList();
	}

	@Test
	void valueIsComputedOnceThenServedFromTheCache() {
		assertThat(this.service.greet("ada", 2)).isEqualTo("hello adaada");
		assertThat(this.service.greet("ada", 2)).isEqualTo("hello adaada");
		assertThat(this.service.greet("ada", 2)).isEqualTo("hello adaada");
		assertThat(calls()).isEqualTo(1);
		assertThat(entries("default")).singleElement().satisfies((entry) -> {
			assertThat(entry.output()).isEqualTo("hello adaada");
			assertThat(entry.inputs()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "ada", "times", 2));
		});
	}

	@Test
	void methodWithoutMemoizeRunsEveryTime() {
		this.service.plain("x");
		this.service.plain("x");
		assertThat(calls()).isEqualTo(2);
		assertThat(entries("default")).isEmpty();
	}

	@Test
	void differentArgumentsAreComputedSeparately() {
		assertThat(this.service.greet("ada", 1)).isEqualTo("hello ada");
		assertThat(this.service.greet("bob", 1)).isEqualTo("hello bob");
		assertThat(this.service.greet("ada", 2)).isEqualTo("hello adaada");
		assertThat(this.service.greet("bob", 1)).isEqualTo("hello bob");
		assertThat(calls()).isEqualTo(3);
		assertThat(entries("default")).hasSize(3);
	}

	@Test
	void nullResultIsCached() {
		assertThat(this.service.nothing("x")).isNull();
		assertThat(this.service.nothing("x")).isNull();
		assertThat(calls()).isEqualTo(1);
		assertThat(entries("default")).singleElement().satisfies((entry) -> assertThat(entry.output()).isNull());
	}

	@Test
	void presentOptionalIsStoredUnwrappedAndServedWrapped() {
		Optional<Answer> first = this.service.find("abc");
		Optional<Answer> second = this.service.find("abc");
		assertThat(first).contains(new Answer("abc", 3));
		assertThat(second).contains(new Answer("abc", 3));
		assertThat(calls()).isEqualTo(1);
		assertThat(entries("default")).singleElement()
			.satisfies((entry) -> assertThat(entry.output()).isEqualTo(new Answer("abc", 3)));
	}

	@Test
	void emptyOptionalIsCachedAndServedAsEmpty() {
		Optional<Answer> first = this.service.find("");
		Optional<Answer> second = this.service.find("");
		assertThat(first).isEmpty();
		assertThat(second).isNotNull().isEmpty();
		assertThat(calls()).isEqualTo(1);
		assertThat(entries("default")).singleElement().satisfies((entry) -> assertThat(entry.output()).isNull());
	}

	@Test
	void excludedParametersDoNotChangeTheKey() {
		assertThat(this.service.ask("why", "request-1", false)).isEqualTo("answer to why");
		assertThat(this.service.ask("why", "request-2", true)).isEqualTo("answer to why");
		assertThat(calls()).isEqualTo(1);
		assertThat(entries("default")).singleElement()
			.satisfies((entry) -> assertThat(entry.inputs()).containsOnlyKeys("prompt"));
	}

	@Test
	void annotationPairsAreStoredInEntryMetadata() {
		this.service.tagged("a");
		this.service.greet("b", 1);
		List<CacheEntry> tagged = this.manager.cache("default")
			.entries(EntryFilter.byAnnotation("purpose", "answer"))
			.toList();
		assertThat(tagged).singleElement().satisfies((entry) -> {
			assertThat(entry.output()).isEqualTo("A");
			assertThat(entry.metadata()).containsEntry("purpose", "answer").containsEntry("team", "search");
		});
		assertThat(this.manager.cache("default").entries(EntryFilter.byAnnotation("team", "search")).count())
			.isEqualTo(1);
	}

	@Test
	void methodTtlExpiresEntriesByTheClock() {
		this.service.fiveMinutes("a");
		assertThat(entries("default")).singleElement()
			.satisfies((entry) -> assertThat(entry.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(5))));
		this.clock.advance(Duration.ofMinutes(4));
		this.service.fiveMinutes("a");
		assertThat(calls()).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(1));
		this.service.fiveMinutes("a");
		assertThat(calls()).isEqualTo(2);
	}

	@Test
	void cacheTtlAppliesWhenTheMethodHasNone() {
		this.service.cacheTtl("a");
		assertThat(entries("short")).singleElement()
			.satisfies((entry) -> assertThat(entry.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(10))));
		this.clock.advance(Duration.ofMinutes(9));
		this.service.cacheTtl("a");
		assertThat(calls()).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(2));
		this.service.cacheTtl("a");
		assertThat(calls()).isEqualTo(2);
	}

	@Test
	void methodTtlOverridesTheCacheTtl() {
		this.service.hourInShortCache("a");
		this.clock.advance(Duration.ofMinutes(30));
		this.service.hourInShortCache("a");
		assertThat(calls()).isEqualTo(1);
		assertThat(entries("short")).singleElement()
			.satisfies((entry) -> assertThat(entry.expiresAt()).isEqualTo(START.plus(Duration.ofHours(1))));
	}

	@Test
	void entriesWithoutAnyTtlNeverExpire() {
		this.service.greet("a", 1);
		this.clock.advance(Duration.ofDays(3650));
		this.service.greet("a", 1);
		assertThat(calls()).isEqualTo(1);
		assertThat(entries("default")).singleElement().satisfies((entry) -> assertThat(entry.expiresAt()).isNull());
	}

	@Test
	void falseConditionBypassesTheCache() {
		this.service.conditional("a", false);
		this.service.conditional("a", false);
		assertThat(calls()).isEqualTo(2);
		assertThat(entries("default")).isEmpty();
	}

	@Test
	void trueConditionUsesTheCache() {
		this.service.conditional("a", true);
		this.service.conditional("a", true);
		assertThat(calls()).isEqualTo(1);
		assertThat(entries("default")).hasSize(1);
	}

	@Test
	void unlessOnTheResultPreventsStoring() {
		assertThat(this.service.trimmed("   ")).isEmpty();
		assertThat(this.service.trimmed("   ")).isEmpty();
		assertThat(calls()).isEqualTo(2);
		assertThat(entries("default")).isEmpty();
	}

	@Test
	void unlessThatIsFalseStoresTheResult() {
		assertThat(this.service.trimmed(" a ")).isEqualTo("a");
		assertThat(this.service.trimmed(" a ")).isEqualTo("a");
		assertThat(calls()).isEqualTo(1);
		assertThat(entries("default")).hasSize(1);
	}

	@Test
	void exceptionsAreNeverCached() {
		assertThatIllegalStateException().isThrownBy(() -> this.service.failing("a")).withMessage("first call fails");
		assertThat(entries("default")).isEmpty();
		assertThat(this.service.failing("a")).isEqualTo("a");
		assertThat(this.service.failing("a")).isEqualTo("a");
		assertThat(calls()).isEqualTo(2);
	}

	@Test
	void concurrentCallersOfOneColdKeyComputeOnce() throws Exception {
		int threads = 32;
		this.target.arrivals = new CountDownLatch(threads);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(executor.submit(() -> {
					start.await();
					this.target.arrivals.countDown();
					return this.service.slow("q");
				}));
			}
			start.countDown();
			for (Future<String> result : results) {
				assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("slow q");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(calls()).isEqualTo(1);
		assertThat(entries("default")).hasSize(1);
	}

	@Test
	void nameAttributeSetsTheFunctionName() {
		this.service.named("a");
		assertThat(entries("default")).singleElement()
			.satisfies((entry) -> assertThat(entry.func()).isEqualTo("llm.ask"));
		MemoCache cache = this.manager.cache("default");
		assertThat(cache.get("llm.ask", Map.of("prompt", "a"))).isPresent();
	}

	@Test
	void defaultFunctionNameIsClassMethodAndSimpleParameterTypes() {
		this.service.greet("a", 1);
		assertThat(entries("default")).singleElement()
			.satisfies((entry) -> assertThat(entry.func())
				.isEqualTo("dev.memoize.interceptor.MemoizedService#greet(String,int)"));
	}

	@Test
	void storedEntryCanBeReadBackThroughTheCacheApi() {
		this.service.greet("a", 1);
		Optional<CacheEntry> entry = this.manager.cache("default")
			.get("dev.memoize.interceptor.MemoizedService#greet(String,int)", Map.of("name", "a", "times", 1));
		assertThat(entry).hasValueSatisfying((found) -> assertThat(found.value()).isEqualTo("hello a"));
	}

	@Test
	void inputThatCannotBecomeJsonFailsTheCallNamingTheParameter() {
		assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> this.service.describe(new Unkeyable()))
			.withMessageContaining("'subject'")
			.withMessageContaining("MemoizedService#describe(Object)")
			.withMessageContaining("exclude");
		assertThat(calls()).isZero();
	}

	@Test
	void objectWithoutPropertiesCannotBecomeAKey() {
		assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> this.service.describe(new Object()))
			.withMessageContaining("'subject'");
		assertThat(calls()).isZero();
	}

	/**
	 * A value Jackson cannot write: its only property fails.
	 */
	static class Unkeyable {

		public String getValue() {
			throw new UnsupportedOperationException("no JSON form");
		}

	}

}
