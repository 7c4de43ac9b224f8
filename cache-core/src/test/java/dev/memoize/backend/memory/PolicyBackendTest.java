package dev.memoize.backend.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.Lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PolicyBackendTest {

	@Nested
	class Lru extends MemoryBackendContractTest {

		@Override
		protected CacheBackend create(long maxEntries, BackendContext context) {
			return new PolicyBackend(maxEntries, Eviction.LRU, RandomGenerator.getDefault(), context);
		}

		@Test
		void put_evictsLeastRecentlyRead() {
			CacheBackend backend = create(3);
			putAll(backend, "a", "b", "c");
			backend.get(key("a"));
			backend.put(entry("d", "f", "v", Map.of(), null));
			assertThat(this.evicted).containsExactly("b");
			assertThat(keys(backend)).containsExactly("a", "c", "d");
		}

		@Test
		void put_countsOverwriteAsRecentUse() {
			CacheBackend backend = create(3);
			putAll(backend, "a", "b", "c");
			backend.put(entry("a", "f", "again", Map.of(), null));
			backend.put(entry("d", "f", "v", Map.of(), null));
			assertThat(this.evicted).containsExactly("b");
		}

		@Test
		void put_evictsInLeastRecentlyReadOrder() {
			CacheBackend backend = create(3);
			putAll(backend, "a", "b", "c");
			backend.get(key("c"));
			backend.get(key("a"));
			backend.get(key("b"));
			putAll(backend, "d", "e");
			assertThat(this.evicted).containsExactly("c", "a");
		}

	}

	@Nested
	class Lfu extends MemoryBackendContractTest {

		@Override
		protected CacheBackend create(long maxEntries, BackendContext context) {
			return new PolicyBackend(maxEntries, Eviction.LFU, RandomGenerator.getDefault(), context);
		}

		@Test
		void put_evictsLeastFrequentlyRead() {
			CacheBackend backend = create(3);
			putAll(backend, "a", "b", "c");
			backend.get(key("a"));
			backend.get(key("a"));
			backend.get(key("b"));
			backend.get(key("c"));
			backend.get(key("c"));
			backend.put(entry("d", "f", "v", Map.of(), null));
			assertThat(this.evicted).containsExactly("b");
			assertThat(keys(backend)).containsExactly("a", "c", "d");
		}

		@Test
		void put_evictsOldestAmongEquallyFrequent() {
			CacheBackend backend = create(3);
			putAll(backend, "a", "b", "c");
			backend.put(entry("d", "f", "v", Map.of(), null));
			assertThat(this.evicted).containsExactly("a");
		}

		@Test
		void put_keepsFrequentlyReadEntryThatIsOldest() {
			CacheBackend backend = create(2);
			putAll(backend, "a");
			for (int i = 0; i < 5; i++) {
				backend.get(key("a"));
			}
			putAll(backend, "b", "c", "d");
			assertThat(this.evicted).containsExactly("b", "c");
			assertThat(keys(backend)).containsExactly("a", "d");
		}

	}

	@Nested
	class Fifo extends MemoryBackendContractTest {

		@Override
		protected CacheBackend create(long maxEntries, BackendContext context) {
			return new PolicyBackend(maxEntries, Eviction.FIFO, RandomGenerator.getDefault(), context);
		}

		@Test
		void put_evictsFirstWrittenEvenIfRead() {
			CacheBackend backend = create(3);
			putAll(backend, "a", "b", "c");
			for (int i = 0; i < 5; i++) {
				backend.get(key("a"));
			}
			backend.put(entry("d", "f", "v", Map.of(), null));
			assertThat(this.evicted).containsExactly("a");
			assertThat(keys(backend)).containsExactly("b", "c", "d");
		}

		@Test
		void put_evictsInWriteOrder() {
			CacheBackend backend = create(2);
			putAll(backend, "a", "b", "c", "d");
			assertThat(this.evicted).containsExactly("a", "b");
		}

	}

	@Nested
	class Random extends MemoryBackendContractTest {

		private final ScriptedRandom random = new ScriptedRandom();

		@Override
		protected CacheBackend create(long maxEntries, BackendContext context) {
			return new PolicyBackend(maxEntries, Eviction.RANDOM, this.random, context);
		}

		@Test
		void put_evictsEntryTheRandomSourcePicks() {
			CacheBackend backend = create(3);
			putAll(backend, "a", "b", "c");
			this.random.next(1);
			backend.put(entry("d", "f", "v", Map.of(), null));
			assertThat(this.evicted).containsExactly("b");
			assertThat(keys(backend)).containsExactly("a", "c", "d");
		}

		@Test
		void put_picksAmongRemainingKeysAfterRemoval() {
			CacheBackend backend = create(3);
			putAll(backend, "a", "b", "c");
			backend.remove("a");
			putAll(backend, "d");
			this.random.next(0);
			putAll(backend, "e");
			assertThat(this.evicted).hasSize(1);
			String victim = this.evicted.get(0);
			assertThat(victim).isIn("b", "c", "d", "e");
			assertThat(keys(backend)).hasSize(3).doesNotContain("a", victim);
		}

	}

	@Test
	void constructor_rejectsMaxEntriesBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new PolicyBackend(0, Eviction.LRU, RandomGenerator.getDefault(), BackendContext.of("test")));
	}

	@Test
	void constructor_rejectsTinyLfu() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new PolicyBackend(10, Eviction.TINYLFU, RandomGenerator.getDefault(), BackendContext.of("test")));
	}

	@Test
	void memoryBackends_createsCaffeineForTinyLfuAndPolicyBackendOtherwise() {
		BackendContext context = BackendContext.of("test");
		assertThat(MemoryBackends.create(10, Eviction.TINYLFU, context)).isInstanceOf(CaffeineBackend.class);
		for (Eviction eviction : List.of(Eviction.LRU, Eviction.LFU, Eviction.FIFO, Eviction.RANDOM)) {
			assertThat(MemoryBackends.create(10, eviction, context)).isInstanceOf(PolicyBackend.class);
		}
	}

	@Test
	void remove_ofUnknownKeyKeepsPolicyConsistent() {
		CacheBackend backend = new PolicyBackend(2, Eviction.LRU, RandomGenerator.getDefault(),
				BackendContext.of("test"));
		assertThat(backend.remove("missing")).isFalse();
		backend.put(MemoryBackendContractTest.entryOf("a"));
		backend.put(MemoryBackendContractTest.entryOf("b"));
		backend.put(MemoryBackendContractTest.entryOf("c"));
		assertThat(backend.size()).isEqualTo(2);
		assertThat(backend.get(MemoryBackendContractTest.key("a"))).isSameAs(Lookup.miss());
	}

	private static void putAll(CacheBackend backend, String... keys) {
		for (String key : keys) {
			backend.put(MemoryBackendContractTest.entryOf(key));
		}
	}

	/**
	 * A random source that answers {@code nextInt(bound)} with scripted indexes, and 0
	 * when none is scripted.
	 */
	static final class ScriptedRandom implements RandomGenerator {

		private final Deque<Integer> indexes = new ArrayDeque<>();

		void next(int index) {
			this.indexes.add(index);
		}

		@Override
		public int nextInt(int bound) {
			Integer index = this.indexes.poll();
			return (index != null) ? Math.min(index, bound - 1) : 0;
		}

		@Override
		public long nextLong() {
			return 0;
		}

	}

}
