package dev.memoize.backend.layered;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.backend.jdbc.JdbcBackend;
import dev.memoize.backend.jdbc.JdbcOptions;
import dev.memoize.backend.jdbc.JdbcPools;
import dev.memoize.backend.memory.CaffeineBackend;
import dev.memoize.backend.redis.RedisBackend;
import dev.memoize.backend.redis.RedisConnections;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;
import dev.memoize.support.TestClock;
import dev.memoize.testing.Eventually;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of what the layered backend does beyond the contract: where reads are served
 * from, promotion, each write strategy, removals and clears, invalidation from other
 * instances, and failing layers. The layers are real: memory layers over SQLite in a
 * temporary directory (or a Redis server that is down), each wrapped to record the calls
 * it receives.
 */
class LayeredBackendTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Duration NEVER = Duration.ofHours(1);

	private final TestClock clock = new TestClock();

	private final List<String> log = new CopyOnWriteArrayList<>();

	private final List<AutoCloseable> opened = new ArrayList<>();

	@TempDir
	Path directory;

	@AfterEach
	void closeEverything() throws Exception {
		Collections.reverse(this.opened);
		for (AutoCloseable each : this.opened) {
			each.close();
		}
	}

	@Test
	void get_servesTopLayerHitWithoutAskingTheLayersBelow() {
		Stack stack = stack(LayeredOptions.defaults());
		stack.top.delegate().put(entry("k", "v"));
		assertThat(hit(stack.layered, "k")).isEqualTo(entry("k", "v"));
		assertThat(this.log).containsExactly("top.get(k)");
	}

	@Test
	void get_missesAfterAskingEveryLayerOnce() {
		Stack stack = threeLayers(LayeredOptions.defaults());
		assertThat(stack.layered.get(key("k"))).isSameAs(Lookup.miss());
		assertThat(this.log).containsExactly("top.get(k)", "middle.get(k)", "bottom.get(k)");
	}

	@Test
	void promotionAlways_copiesALowerHitIntoEveryLayerAboveItLowestFirst() {
		Stack stack = threeLayers(LayeredOptions.defaults());
		stack.bottom.delegate().put(entry("k", "v"));
		assertThat(hit(stack.layered, "k")).isEqualTo(entry("k", "v"));
		assertThat(this.log).containsExactly("top.get(k)", "middle.get(k)", "bottom.get(k)", "middle.put(k)",
				"top.put(k)");
		this.log.clear();
		assertThat(hit(stack.layered, "k")).isEqualTo(entry("k", "v"));
		assertThat(this.log).containsExactly("top.get(k)");
	}

	@Test
	void promotionNever_leavesTheLayersAboveAlone() {
		Stack stack = threeLayers(LayeredOptions.defaults().withPromotion(Promotion.NEVER, 1));
		stack.bottom.delegate().put(entry("k", "v"));
		for (int i = 0; i < 3; i++) {
			assertThat(hit(stack.layered, "k")).isEqualTo(entry("k", "v"));
		}
		assertThat(stack.top.delegate().get(key("k"))).isSameAs(Lookup.miss());
		assertThat(stack.middle.delegate().get(key("k"))).isSameAs(Lookup.miss());
	}

	@Test
	void promotionFrequency_promotesAKeyOnceItWasFoundThresholdTimesInLowerLayers() {
		Stack stack = stack(LayeredOptions.defaults().withPromotion(Promotion.FREQUENCY, 3));
		stack.bottom.delegate().put(entry("hot", "v"));
		stack.bottom.delegate().put(entry("cold", "v"));
		hit(stack.layered, "cold");
		hit(stack.layered, "hot");
		hit(stack.layered, "hot");
		assertThat(stack.top.delegate().get(key("hot"))).isSameAs(Lookup.miss());
		hit(stack.layered, "hot");
		assertThat(stack.top.delegate().get(key("hot"))).isInstanceOf(Lookup.Hit.class);
		assertThat(stack.top.delegate().get(key("cold"))).isSameAs(Lookup.miss());
	}

	@Test
	void promotionFrequency_countsHitsOfGetAllToo() {
		Stack stack = stack(LayeredOptions.defaults().withPromotion(Promotion.FREQUENCY, 2));
		stack.bottom.delegate().put(entry("k", "v"));
		stack.layered.getAll(List.of(key("k")));
		assertThat(stack.top.delegate().get(key("k"))).isSameAs(Lookup.miss());
		stack.layered.getAll(List.of(key("k")));
		assertThat(stack.top.delegate().get(key("k"))).isInstanceOf(Lookup.Hit.class);
	}

	@Test
	void getAll_asksEachLayerOnceForTheKeysStillMissingAndPromotesTheHits() {
		Stack stack = threeLayers(LayeredOptions.defaults());
		stack.top.delegate().put(entry("k1", "v1"));
		stack.middle.delegate().put(entry("k2", "v2"));
		stack.bottom.delegate().put(entry("k3", "v3"));
		stack.bottom.delegate().put(entry("k4", "v4"));
		Map<String, Lookup> lookups = stack.layered
			.getAll(List.of(key("k1"), key("k2"), key("k3"), key("k4"), key("absent")));
		assertThat(lookups).containsOnlyKeys("k1", "k2", "k3", "k4", "absent");
		assertThat(lookups.get("k3")).isEqualTo(Lookup.hit(entry("k3", "v3")));
		assertThat(lookups.get("absent")).isSameAs(Lookup.miss());
		assertThat(this.log).containsExactly("top.getAll([k1, k2, k3, k4, absent])",
				"middle.getAll([k2, k3, k4, absent])", "top.put(k2)", "bottom.getAll([k3, k4, absent])",
				"middle.putAll([k3, k4])", "top.putAll([k3, k4])");
	}

	@Test
	void writeThrough_writesEveryLayerLowestFirst() {
		Stack stack = threeLayers(LayeredOptions.defaults());
		stack.layered.put(entry("k", "v"));
		stack.layered.putAll(List.of(entry("a", "v"), entry("b", "v")));
		assertThat(this.log).containsExactly("bottom.put(k)", "middle.put(k)", "top.put(k)", "bottom.putAll([a, b])",
				"middle.putAll([a, b])", "top.putAll([a, b])");
	}

	@Test
	void writeBack_writesTheTopLayerAtOnceAndTheLayersBelowWhenFlushed() {
		Stack stack = threeLayers(writeBack(NEVER, 100));
		stack.layered.put(entry("k", "v"));
		assertThat(this.log).containsExactly("top.put(k)");
		assertThat(stack.bottom.delegate().get(key("k"))).isSameAs(Lookup.miss());
		stack.layered.flush();
		assertThat(this.log).containsExactly("top.put(k)", "bottom.put(k)", "middle.put(k)");
		assertThat(stack.bottom.delegate().get(key("k"))).isEqualTo(Lookup.hit(entry("k", "v")));
	}

	@Test
	void writeBack_flushesAsSoonAsABatchIsQueued() {
		Stack stack = stack(writeBack(NEVER, 5));
		for (int i = 0; i < 5; i++) {
			stack.layered.put(entry("k" + i, "v"));
		}
		Eventually.until(WAIT, "the batch is in the bottom layer", () -> stack.bottom.delegate().size() == 5);
		assertThat(this.log).contains("bottom.putAll([k0, k1, k2, k3, k4])");
	}

	@Test
	void writeBack_flushesWhatIsQueuedEveryInterval() {
		Stack stack = stack(writeBack(Duration.ofMillis(50), 500));
		stack.layered.put(entry("k1", "v"));
		stack.layered.put(entry("k2", "v"));
		Eventually.until(WAIT, "the queue is in the bottom layer", () -> stack.bottom.delegate().size() == 2);
	}

	@Test
	void writeBack_writesBatchesOfAtMostTheBatchSizeOncePerKey() {
		Stack stack = stack(writeBack(NEVER, 4));
		stack.layered.putAll(IntStream.range(0, 10).mapToObj((i) -> entry("k" + i, "old")).toList());
		stack.layered.put(entry("k9", "new"));
		Eventually.until(WAIT, "every key is in the bottom layer", () -> stack.bottom.delegate().size() == 10);
		stack.layered.flush();
		List<String> writes = this.log.stream().filter((call) -> call.startsWith("bottom.put")).toList();
		assertThat(writes).allSatisfy((call) -> assertThat(call.split(",")).hasSizeLessThanOrEqualTo(4));
		assertThat(stack.bottom.delegate().get(key("k9"))).isEqualTo(Lookup.hit(entry("k9", "new")));
	}

	@Test
	void writeBack_writesWhatIsQueuedWhenClosed() {
		Stack stack = stack(writeBack(NEVER, 1000));
		for (int i = 0; i < 20; i++) {
			stack.layered.put(entry("k" + i, "v"));
		}
		stack.layered.close();
		assertThat(stack.bottom.delegate().size()).isEqualTo(20);
		stack.layered.put(entry("late", "v"));
		assertThat(stack.bottom.delegate().get(key("late"))).isInstanceOf(Lookup.Hit.class);
	}

	@Test
	void writeBack_servesAQueuedEntryTheTopLayerNoLongerHolds() {
		Stack stack = stack(writeBack(NEVER, 1000));
		stack.layered.put(entry("k", "v"));
		stack.top.delegate().remove("k");
		this.log.clear();
		assertThat(hit(stack.layered, "k")).isEqualTo(entry("k", "v"));
		assertThat(this.log).containsExactly("top.get(k)", "top.put(k)");
	}

	@Test
	void writeBack_removeDropsTheQueuedWrite() {
		Stack stack = stack(writeBack(NEVER, 1000));
		stack.layered.put(entry("k", "v"));
		assertThat(stack.layered.remove("k")).isTrue();
		stack.layered.flush();
		assertThat(stack.bottom.delegate().get(key("k"))).isSameAs(Lookup.miss());
		assertThat(stack.layered.get(key("k"))).isSameAs(Lookup.miss());
	}

	@Test
	void writeBack_sizeScanAndClearCountWhatIsQueued() {
		Stack stack = stack(writeBack(NEVER, 1000));
		stack.layered.putAll(IntStream.range(0, 3).mapToObj((i) -> entry("k" + i, "v")).toList());
		assertThat(stack.layered.size()).isEqualTo(3);
		stack.layered.put(entry("k3", "v"));
		assertThat(stack.layered.scan(EntryFilter.ALL, null, 10).entries()).hasSize(4);
		stack.layered.put(entry("k4", "v"));
		assertThat(stack.layered.clear(EntryFilter.ALL)).isEqualTo(5);
	}

	@Test
	void writeBack_keepsABatchTheLowerLayerRefusedQueuedAndReportsItLostOnClose() {
		Stack stack = overRedisThatIsDown(writeBack(NEVER, 1000));
		stack.layered.put(entry("k", "v"));
		assertThatExceptionOfType(BackendException.class).isThrownBy(stack.layered::flush)
			.withMessageContaining("Cache 'layered' failed to write 1 queued entries to layer 'bottom'");
		stack.top.delegate().remove("k");
		assertThat(hit(stack.layered, "k")).isEqualTo(entry("k", "v"));
		assertThatExceptionOfType(BackendException.class).isThrownBy(stack.layered::close)
			.withMessageContaining("lost 1 queued entries on close");
	}

	@Test
	void writeAround_writesOnlyTheLowestLayerAndRemovesTheKeyFromTheLayersAbove() {
		Stack stack = threeLayers(LayeredOptions.defaults().withWrite(WriteStrategy.WRITE_AROUND));
		stack.top.delegate().put(entry("k", "old"));
		stack.middle.delegate().put(entry("k", "old"));
		stack.layered.put(entry("k", "new"));
		assertThat(this.log).containsExactly("bottom.put(k)", "middle.remove(k)", "top.remove(k)");
		assertThat(hit(stack.layered, "k")).isEqualTo(entry("k", "new"));
		assertThat(stack.top.delegate().get(key("k"))).isEqualTo(Lookup.hit(entry("k", "new")));
	}

	@Test
	void remove_removesTheKeyFromEveryLayer() {
		Stack stack = threeLayers(LayeredOptions.defaults());
		stack.layered.put(entry("k", "v"));
		assertThat(stack.layered.remove("k")).isTrue();
		assertThat(stack.layered.remove("k")).isFalse();
		for (RecordingBackend layer : List.of(stack.top, stack.middle, stack.bottom)) {
			assertThat(layer.delegate().get(key("k"))).isSameAs(Lookup.miss());
		}
	}

	@Test
	void clear_removesWhatTheFilterSelectsFromEveryLayerAndCountsTheLowest() {
		Stack stack = threeLayers(LayeredOptions.defaults());
		stack.layered.put(entry("a1", "v", Map.of("team", "a")));
		stack.layered.put(entry("a2", "v", Map.of("team", "a")));
		stack.layered.put(entry("b1", "v", Map.of("team", "b")));
		stack.top.delegate().put(entry("a3", "v", Map.of("team", "a")));
		assertThat(stack.layered.clear(EntryFilter.byAnnotation("team", "a"))).isEqualTo(2);
		for (RecordingBackend layer : List.of(stack.top, stack.middle, stack.bottom)) {
			assertThat(keys(layer.delegate())).containsExactly("b1");
		}
	}

	@Test
	void sizeAndScan_areTheLowestLayers() {
		Stack stack = stack(LayeredOptions.defaults());
		stack.top.delegate().put(entry("onlyOnTop", "v"));
		stack.bottom.delegate().put(entry("k1", "v"));
		stack.bottom.delegate().put(entry("k2", "v"));
		assertThat(stack.layered.size()).isEqualTo(2);
		assertThat(keys(stack.layered)).containsExactly("k1", "k2");
	}

	@Test
	void promotionNeverPutsBackAnEntryThatWasOverwrittenWhileItWasRead() {
		Stack stack = stack(LayeredOptions.defaults());
		stack.bottom.delegate().put(entry("k", "old"));
		stack.bottom.afterRead((key) -> {
			stack.bottom.afterRead((again) -> {
			});
			stack.layered.put(entry("k", "new"));
		});
		assertThat(hit(stack.layered, "k")).isEqualTo(entry("k", "old"));
		assertThat(stack.top.delegate().get(key("k"))).isEqualTo(Lookup.hit(entry("k", "new")));
		assertThat(hit(stack.layered, "k")).isEqualTo(entry("k", "new"));
	}

	@Test
	void promotionNeverPutsBackAnEntryThatWasRemovedWhileItWasRead() {
		Stack stack = stack(LayeredOptions.defaults());
		stack.bottom.delegate().put(entry("k", "old"));
		stack.bottom.afterRead((key) -> {
			stack.bottom.afterRead((again) -> {
			});
			stack.layered.remove("k");
		});
		hit(stack.layered, "k");
		assertThat(stack.top.delegate().get(key("k"))).isSameAs(Lookup.miss());
	}

	@Test
	void invalidationFromAnotherInstanceDropsItsKeysFromTheInHeapLayersOnly() {
		InProcessChannel bus = new InProcessChannel();
		CacheBackend shared = sqlite("shared");
		Stack first = stack(LayeredOptions.defaults(), shared, bus.open());
		Stack second = stack(LayeredOptions.defaults(), shared, bus.open());
		first.layered.put(entry("k", "v1"));
		assertThat(hit(second.layered, "k")).isEqualTo(entry("k", "v1"));
		assertThat(second.top.delegate().get(key("k"))).isInstanceOf(Lookup.Hit.class);
		first.layered.put(entry("k", "v2"));
		assertThat(second.top.delegate().get(key("k"))).isSameAs(Lookup.miss());
		assertThat(first.top.delegate().get(key("k"))).isEqualTo(Lookup.hit(entry("k", "v2")));
		assertThat(hit(second.layered, "k")).isEqualTo(entry("k", "v2"));
		assertThat(bus.published).extracting(Invalidation::operation)
			.containsExactly(Invalidation.Operation.PUT, Invalidation.Operation.PUT);
	}

	@Test
	void removeAndClearInAnotherInstanceApplyToTheInHeapLayers() {
		InProcessChannel bus = new InProcessChannel();
		CacheBackend shared = sqlite("shared");
		Stack first = stack(LayeredOptions.defaults(), shared, bus.open());
		Stack second = stack(LayeredOptions.defaults(), shared, bus.open());
		second.layered.put(entry("k", "v"));
		second.layered.put(entry("a1", "v", Map.of("team", "a")));
		second.layered.put(entry("b1", "v", Map.of("team", "b")));
		first.layered.remove("k");
		assertThat(second.top.delegate().get(key("k"))).isSameAs(Lookup.miss());
		first.layered.clear(EntryFilter.byAnnotation("team", "a"));
		assertThat(keys(second.top.delegate())).containsExactly("b1");
	}

	@Test
	void anInstanceWhoseChannelCameBackEmptiesItsInHeapLayers() {
		InProcessChannel bus = new InProcessChannel();
		Stack stack = stack(LayeredOptions.defaults(), sqlite("shared"), bus.open());
		stack.layered.put(entry("k", "v"));
		bus.resume();
		assertThat(stack.top.delegate().size()).isZero();
		assertThat(hit(stack.layered, "k")).isEqualTo(entry("k", "v"));
	}

	@Test
	void get_failsOnlyWhenNoLayerHitsAndOneFailed() {
		Stack stack = overRedisThatIsDown(LayeredOptions.defaults());
		assertThat(stack.layered.get(key("k"))).isInstanceOf(Lookup.Failure.class);
		assertThat(stack.layered.getAll(List.of(key("k"))).get("k")).isInstanceOf(Lookup.Failure.class);
		stack.top.delegate().put(entry("k", "v"));
		assertThat(hit(stack.layered, "k")).isEqualTo(entry("k", "v"));
	}

	@Test
	void writeThrough_failingLayerFailsTheWriteAndLeavesNoOlderEntryAboveIt() {
		Stack stack = overRedisThatIsDown(LayeredOptions.defaults());
		stack.top.delegate().put(entry("k", "old"));
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> stack.layered.put(entry("k", "new")))
			.withMessageContaining("Cache 'layered' failed to write layer 'bottom'");
		assertThat(stack.top.delegate().get(key("k"))).isSameAs(Lookup.miss());
	}

	@Test
	void storesLiveObjects_onlyWhenEveryLayerDoes() {
		assertThat(stack(LayeredOptions.defaults()).layered.storesLiveObjects()).isFalse();
		CacheBackend first = memory("first");
		CacheBackend second = memory("second");
		LayeredBackend inHeap = open(
				LayeredBackend.create(List.of(new Layer("first", first), new Layer("second", second)),
						LayeredOptions.defaults(), InvalidationChannel.NONE, context()));
		assertThat(inHeap.storesLiveObjects()).isTrue();
	}

	@Test
	void check_rejectsFewerThanTwoLayersALayerListedTwiceAndAnInHeapLayerBelowAnother() {
		CacheBackend memory = memory("memory");
		CacheBackend sqlite = sqlite("sqlite");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LayeredBackend.check(List.of(new Layer("memory", memory))))
			.withMessageContaining("at least 2 layers");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LayeredBackend.check(List.of(new Layer("memory", memory), new Layer("memory", memory))))
			.withMessageContaining("'memory' is listed twice");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LayeredBackend.check(List.of(new Layer("sqlite", sqlite), new Layer("memory", memory))))
			.withMessageContaining("in-heap layer 'memory' comes after layer 'sqlite'");
	}

	private static LayeredOptions writeBack(Duration interval, int batchSize) {
		return LayeredOptions.defaults()
			.withWrite(WriteStrategy.WRITE_BACK)
			.withWriteBack(interval, batchSize, Math.max(batchSize, 10_000));
	}

	private Stack stack(LayeredOptions options) {
		return stack(options, sqlite("bottom"), InvalidationChannel.NONE);
	}

	private Stack stack(LayeredOptions options, CacheBackend bottom, InvalidationChannel channel) {
		RecordingBackend top = new RecordingBackend("top", memory("top"), this.log);
		RecordingBackend recordedBottom = new RecordingBackend("bottom", bottom, this.log);
		LayeredBackend layered = open(LayeredBackend
			.create(List.of(new Layer("top", top), new Layer("bottom", recordedBottom)), options, channel, context()));
		return new Stack(layered, top, null, recordedBottom);
	}

	private Stack threeLayers(LayeredOptions options) {
		RecordingBackend top = new RecordingBackend("top", memory("top"), this.log);
		RecordingBackend middle = new RecordingBackend("middle", memory("middle"), this.log);
		RecordingBackend bottom = new RecordingBackend("bottom", sqlite("bottom"), this.log);
		LayeredBackend layered = open(LayeredBackend.create(
				List.of(new Layer("top", top), new Layer("middle", middle), new Layer("bottom", bottom)), options,
				InvalidationChannel.NONE, context()));
		return new Stack(layered, top, middle, bottom);
	}

	private Stack overRedisThatIsDown(LayeredOptions options) {
		CacheBackend down = RedisBackend.owning(
				RedisConnections.standalone("redis://127.0.0.1:1", Duration.ofSeconds(1)), "memoize-test:",
				layerContext("bottom"));
		return stack(options, open(down), InvalidationChannel.NONE);
	}

	private CacheBackend memory(String name) {
		return new CaffeineBackend(10_000, layerContext(name));
	}

	private CacheBackend sqlite(String name) {
		return open(JdbcBackend.createOwning(
				JdbcPools.open("jdbc:sqlite:" + this.directory.resolve(name + ".db"), null, null, 4, name),
				JdbcOptions.defaults(), layerContext(name)));
	}

	private <T extends AutoCloseable> T open(T closeable) {
		this.opened.add(closeable);
		return closeable;
	}

	private BackendContext context() {
		return new BackendContext("layered", this.clock, (key) -> {
		});
	}

	private BackendContext layerContext(String name) {
		return new BackendContext(name, this.clock, (key) -> {
		});
	}

	private static MemoKey key(String key) {
		return new MemoKey(key, "f", Map.of());
	}

	private CacheEntry entry(String key, String value) {
		return entry(key, value, Map.of());
	}

	private CacheEntry entry(String key, String value, Map<String, String> metadata) {
		EncodedValue output = new EncodedValue(EncodedValue.JSON,
				("\"" + value + "\"").getBytes(StandardCharsets.UTF_8));
		return CacheEntry.of(key, "f", Map.of("arg", key), output, metadata, this.clock.instant(), null);
	}

	private static CacheEntry hit(CacheBackend backend, String key) {
		Lookup lookup = backend.get(key(key));
		assertThat(lookup).as("lookup of %s", key).isInstanceOf(Lookup.Hit.class);
		return ((Lookup.Hit) lookup).entry();
	}

	private static List<String> keys(CacheBackend backend) {
		List<String> keys = new ArrayList<>();
		String cursor = null;
		do {
			EntryPage page = backend.scan(EntryFilter.ALL, cursor, 100);
			page.entries().forEach((entry) -> keys.add(entry.key()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return keys;
	}

	private record Stack(LayeredBackend layered, RecordingBackend top, RecordingBackend middle,
			RecordingBackend bottom) {
	}

}
