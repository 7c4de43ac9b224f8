package dev.memoize.interceptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.memoize.CacheEntry;
import dev.memoize.CacheStats;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.MemoizeException;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;
import dev.memoize.support.FailingBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests of synchronous {@code @Memoize(batch = true)} methods over the in-memory backend,
 * counting the method's runs with the exact misses each was given, and the backend's bulk
 * reads and writes.
 */
class BatchInvocationTests {

	private static final String TRANSLATE = "dev.memoize.interceptor.BatchService#translate(String,List,String)";

	private CountingBackend backend;

	private final BatchFixture fixture = new BatchFixture((context) -> {
		this.backend = new CountingBackend(MemoryBackends.create(1000, Eviction.TINYLFU, context));
		return this.backend;
	});

	private final BatchService target = new BatchService();

	private final BatchService service = this.fixture.proxy(this.target);

	@AfterEach
	void close() throws Exception {
		this.fixture.close();
	}

	private MemoCache cache() {
		return this.fixture.cache();
	}

	private List<CacheEntry> entries() {
		return cache().entries(EntryFilter.ALL).toList();
	}

	@Test
	void firstCall_computesEveryElementInOneRunWithOneBulkReadAndOneBulkWrite() {
		assertThat(this.service.upper(List.of("a", "b", "c"))).containsExactly("A", "B", "C");
		assertThat(this.target.calls).containsExactly(List.of("a", "b", "c"));
		assertThat(this.backend.getAlls).containsExactly(3);
		assertThat(this.backend.putAlls).containsExactly(3);
		assertThat(this.backend.gets).hasValue(0);
		assertThat(this.backend.puts).hasValue(0);
	}

	@Test
	void secondCall_givesTheMethodOnlyTheNewElementsInInputOrder() {
		this.service.upper(List.of("a", "b"));
		this.backend.reset();
		assertThat(this.service.upper(List.of("c", "a", "d", "b"))).containsExactly("C", "A", "D", "B");
		assertThat(this.target.calls).hasSize(2).last().isEqualTo(List.of("c", "d"));
		assertThat(this.backend.getAlls).containsExactly(4);
		assertThat(this.backend.putAlls).containsExactly(2);
	}

	@Test
	void callWithOnlyStoredElements_neitherRunsTheMethodNorWrites() {
		this.service.upper(List.of("a", "b"));
		this.backend.reset();
		assertThat(this.service.upper(List.of("b", "a"))).containsExactly("B", "A");
		assertThat(this.target.calls).hasSize(1);
		assertThat(this.backend.getAlls).containsExactly(2);
		assertThat(this.backend.putAlls).isEmpty();
	}

	@Test
	void duplicates_areComputedOnceAndAnsweredAtEveryPosition() {
		assertThat(this.service.upper(List.of("a", "b", "a", "a"))).containsExactly("A", "B", "A", "A");
		assertThat(this.target.calls).containsExactly(List.of("a", "b"));
		assertThat(this.backend.putAlls).containsExactly(2);
		assertThat(entries()).hasSize(2);
	}

	@Test
	void emptyBatch_returnsAnEmptyResultWithoutTheCacheOrTheMethod() {
		assertThat(this.service.upper(List.of())).isEmpty();
		assertThat(this.service.lengths(List.of())).isEmpty();
		assertThat(this.target.calls).isEmpty();
		assertThat(this.backend.getAlls).isEmpty();
		assertThat(cache().stats().misses()).isZero();
	}

	@Test
	void nullBatch_isPassedToTheMethodAndNothingIsStored() {
		assertThat(this.service.upper(null)).isEmpty();
		assertThat(this.target.calls).containsExactly(List.of("null"));
		assertThat(this.backend.getAlls).isEmpty();
		assertThat(entries()).isEmpty();
	}

	@Test
	void eachElement_isKeyedAsACallWithThatOneElement() {
		this.service.translate("en", List.of("a", "b"), "request-1");
		assertThat(entries()).hasSize(2)
			.allSatisfy((entry) -> assertThat(entry.func()).isEqualTo(TRANSLATE))
			.extracting(CacheEntry::inputs)
			.containsExactlyInAnyOrder(Map.of("language", "en", "texts", "a"), Map.of("language", "en", "texts", "b"));
		assertThat(cache().get(TRANSLATE, Map.of("language", "en", "texts", "a")))
			.hasValueSatisfying((entry) -> assertThat(entry.output()).isEqualTo("en:a"));
		assertThat(entries()).extracting(CacheEntry::key)
			.contains(cache().key(TRANSLATE, Map.of("language", "en", "texts", "b")).key());
	}

	@Test
	void excludedParameter_isLeftOutOfEveryElementsKey() {
		this.service.translate("en", List.of("a"), "request-1");
		assertThat(this.service.translate("en", List.of("a"), "request-2")).containsExactly("en:a");
		assertThat(this.target.calls).hasSize(1);
	}

	@Test
	void otherParameters_arePartOfEveryElementsKey() {
		this.service.translate("en", List.of("a"), "request-1");
		assertThat(this.service.translate("fr", List.of("a", "b"), "request-2")).containsExactly("fr:a", "fr:b");
		assertThat(this.target.calls).containsExactly(List.of("a"), List.of("a", "b"));
	}

	@Test
	void methodTtlAndAnnotation_applyToEveryElement() {
		this.service.translate("en", List.of("a", "b"), "request-1");
		assertThat(entries()).hasSize(2).allSatisfy((entry) -> {
			assertThat(entry.expiresAt()).isEqualTo(this.fixture.clock().instant().plus(Duration.ofMinutes(5)));
			assertThat(entry.metadata()).containsEntry("purpose", "translation").containsEntry("team", "search");
		});
		this.fixture.clock().advance(Duration.ofMinutes(5));
		this.service.translate("en", List.of("a", "b"), "request-2");
		assertThat(this.target.calls).containsExactly(List.of("a", "b"), List.of("a", "b"));
	}

	@Test
	void mapReturn_isKeyedByElementInInputOrder() {
		assertThat(this.service.lengths(List.of("bb", "a", "ccc"))).containsExactly(Map.entry("bb", 2),
				Map.entry("a", 1), Map.entry("ccc", 3));
		assertThat(this.service.lengths(List.of("a", "dddd", "a"))).containsExactly(Map.entry("a", 1),
				Map.entry("dddd", 4));
		assertThat(this.target.calls).containsExactly(List.of("bb", "a", "ccc"), List.of("dddd"));
	}

	@Test
	void mapReturn_withoutAnEntryForAnElementIsAnErrorAndStoresNothing() {
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> this.service.lengthsMissingLast(List.of("a", "b", "c")))
			.withMessageContaining("dev.memoize.interceptor.BatchService.lengthsMissingLast(List)")
			.withMessageContaining("no entry for element 'c'")
			.withMessageContaining("given 3 elements and returned 2 entries")
			.withMessageContaining("nothing was stored");
		assertThat(entries()).isEmpty();
		assertThat(this.backend.putAlls).isEmpty();
	}

	@Test
	void mapReturn_storesANullValueAndIgnoresEntriesForElementsNotGiven() {
		Map<String, String> found = this.service.lookup(List.of("ada", "nobody"));
		assertThat(found).containsExactly(entry("ada", "found ada"), entry("nobody", null));
		Map<String, String> again = this.service.lookup(List.of("nobody"));
		assertThat(again).containsOnlyKeys("nobody").containsValue(null);
		assertThat(this.target.calls).hasSize(1);
		assertThat(entries()).hasSize(2);
	}

	@Test
	void listReturn_ofTheWrongSizeIsAnErrorNamingTheMethodAndSizesAndStoresNothing() {
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> this.service.dropsLast(List.of("a", "b", "c")))
			.withMessageContaining("dev.memoize.interceptor.BatchService.dropsLast(List)")
			.withMessageContaining("returned 2 values for the 3 elements it was given")
			.withMessageContaining("nothing was stored");
		assertThat(entries()).isEmpty();
		assertThat(this.backend.putAlls).isEmpty();
	}

	@Test
	void listReturn_sizedForTheInputRatherThanTheMissesIsAnError() {
		this.service.upper(List.of("a"));
		this.target.override = List.of("A", "B");
		assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> this.service.upper(List.of("a", "b")))
			.withMessageContaining("returned 2 values for the 1 elements it was given");
		assertThat(entries()).hasSize(1);
	}

	@Test
	void nullReturn_isAnError() {
		assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> this.service.returnsNull(List.of("a", "b")))
			.withMessageContaining("BatchService.returnsNull(List)")
			.withMessageContaining("returned null for the 2 elements it was given");
		assertThat(entries()).isEmpty();
	}

	@Test
	void setParameter_receivesTheMissesAsALinkedHashSetInInputOrder() {
		this.service.fromSet(new LinkedHashSet<>(List.of("a", "b")));
		List<String> results = this.service.fromSet(new LinkedHashSet<>(List.of("d", "a", "c")));
		assertThat(results).containsExactly("d!", "a!", "c!");
		assertThat(this.target.calls.get(1)).isInstanceOf(LinkedHashSet.class);
		assertThat(new ArrayList<Object>(this.target.calls.get(1))).containsExactly("d", "c");
	}

	@Test
	void listAndCollectionParameters_receiveTheMissesAsAnArrayList() {
		this.service.upper(Arrays.asList("a", "b"));
		this.service.lengths(new LinkedHashSet<>(List.of("a", "b")));
		assertThat(this.target.calls).allSatisfy((given) -> assertThat(given).isExactlyInstanceOf(ArrayList.class));
	}

	@Test
	void exceptionOfTheMethod_isPassedOnAndNothingIsStored() {
		assertThatIllegalStateException().isThrownBy(() -> this.service.failing(List.of("a")))
			.withMessage("the service is down");
		assertThatIllegalStateException().isThrownBy(() -> this.service.failing(List.of("a")));
		assertThat(this.target.calls).hasSize(2);
		assertThat(entries()).isEmpty();
	}

	@Test
	void falseCondition_callsTheMethodWithTheWholeBatchAndNoCache() {
		assertThat(this.service.conditional(List.of(" a", " a"), false)).containsExactly("a", "a");
		assertThat(this.target.calls).containsExactly(List.of(" a", " a"));
		assertThat(this.backend.getAlls).isEmpty();
		assertThat(entries()).isEmpty();
	}

	@Test
	void trueCondition_memoizesEveryElement() {
		this.service.conditional(List.of(" a"), true);
		this.service.conditional(List.of(" a"), true);
		assertThat(this.target.calls).hasSize(1);
	}

	@Test
	void unless_isEvaluatedForEachElementWithTheBatchParameterStandingForIt() {
		List<String> texts = List.of("a", " ", "volatile", "b");
		assertThat(this.service.trimmed(texts)).containsExactly("a", "", "volatile", "b");
		assertThat(entries()).extracting(CacheEntry::output).containsExactlyInAnyOrder("a", "b");
		assertThat(this.service.trimmed(texts)).containsExactly("a", "", "volatile", "b");
		assertThat(this.target.calls).containsExactly(texts, List.of(" ", "volatile"));
	}

	@Test
	void stats_countOneHitOrMissPerElementAndOneLoadPerRun() {
		this.service.upper(List.of("a", "b"));
		this.service.upper(List.of("a", "b", "c", "a"));
		CacheStats stats = cache().stats();
		assertThat(stats.misses()).isEqualTo(3);
		assertThat(stats.hits()).isEqualTo(3);
		assertThat(stats.puts()).isEqualTo(3);
		assertThat(stats.loads()).isEqualTo(2);
	}

	@Test
	void failedBulkRead_withFailOpenComputesEveryElement() throws Exception {
		try (BatchFixture down = new BatchFixture((context) -> new FailingBackend(true))) {
			BatchService target = new BatchService();
			BatchService service = down.proxy(target);
			assertThat(service.upper(List.of("a", "b"))).containsExactly("A", "B");
			assertThat(service.upper(List.of("a", "b"))).containsExactly("A", "B");
			assertThat(target.calls).containsExactly(List.of("a", "b"), List.of("a", "b"));
			assertThat(down.cache().stats().errors()).isPositive();
			assertThat(down.cache().stats().misses()).isEqualTo(4);
		}
	}

	@Test
	void failedBulkRead_withoutFailOpenFailsTheCallBeforeTheMethodRuns() throws Exception {
		try (BatchFixture down = new BatchFixture((context) -> new FailingBackend(true), false)) {
			BatchService target = new BatchService();
			BatchService service = down.proxy(target);
			assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> service.upper(List.of("a", "b")))
				.withMessageContaining("Cache 'default' failed to read");
			assertThat(target.calls).isEmpty();
		}
	}

}
