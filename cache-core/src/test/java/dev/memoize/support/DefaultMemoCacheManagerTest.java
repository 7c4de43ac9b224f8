package dev.memoize.support;

import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoizeException;
import dev.memoize.WriteOptions;
import dev.memoize.codec.EncodedValue;
import dev.memoize.key.MemoKey;
import dev.memoize.backend.noop.NoopBackend;

import static dev.memoize.support.CacheFixture.counting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DefaultMemoCacheManagerTest {

	private static final ResolvableType ANSWER = ResolvableType.forClass(Answer.class);

	private final CacheFixture fixture = new CacheFixture();

	private final AtomicInteger calls = new AtomicInteger();

	private MapBackend diskBackend;

	private final DefaultMemoCache memory = this.fixture.memory("memory", Duration.ofDays(1), 10_000);

	private final DefaultMemoCache disk = this.fixture.cache("disk", null, true, List.of(), (context) -> {
		this.diskBackend = new MapBackend(context);
		return this.diskBackend;
	});

	private final DefaultMemoCache back = this.fixture.memory("back", null, 10_000);

	private final DefaultMemoCacheManager manager = new DefaultMemoCacheManager(
			List.of(this.memory, this.disk, this.back));

	@Test
	void cache_returnsCacheByName() {
		assertThat(this.manager.cache("disk")).isSameAs(this.disk);
	}

	@Test
	void cache_throwsNamingUnknownCache() {
		assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> this.manager.cache("nope"))
			.withMessageContaining("'nope'");
	}

	@Test
	void names_keepConfigurationOrder() {
		assertThat(this.manager.names()).containsExactly("memory", "disk", "back");
	}

	@Test
	void constructor_rejectsTwoCachesWithOneName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DefaultMemoCacheManager(List.of(this.memory, this.fixture.memory(null))))
			.withMessageContaining("'memory'");
	}

	@Test
	void copy_migratesEntriesFromMemoryToPersistentCacheKeepingKeyMetadataAndExpected() throws Throwable {
		fillMemory();
		assertThat(this.manager.copy("memory", "disk", EntryFilter.ALL)).isEqualTo(3);
		List<CacheEntry> source = sorted(this.memory);
		assertThat(this.diskBackend.entries.values()).hasSize(3)
			.allSatisfy((entry) -> assertThat(entry.output()).isInstanceOf(EncodedValue.class));
		List<CacheEntry> copied = sorted(this.disk);
		assertThat(copied).extracting(CacheEntry::key).isEqualTo(source.stream().map(CacheEntry::key).toList());
		assertThat(copied).extracting(CacheEntry::metadata)
			.isEqualTo(source.stream().map(CacheEntry::metadata).toList());
		assertThat(copied).extracting(CacheEntry::annotated)
			.isEqualTo(source.stream().map(CacheEntry::annotated).toList());
		assertThat(copied).extracting(CacheEntry::createdAt)
			.isEqualTo(source.stream().map(CacheEntry::createdAt).toList());
		assertThat(copied).extracting(CacheEntry::expiresAt)
			.isEqualTo(source.stream().map(CacheEntry::expiresAt).toList());
		MemoKey golden = this.memory.key("demo#ask", Map.of("prompt", "golden"));
		assertThat(this.disk.get(golden, ANSWER, WriteOptions.DEFAULTS, counting(this.calls, null)))
			.isEqualTo(new Answer("expected", 10));
		MemoKey plain = this.memory.key("demo#ask", Map.of("prompt", "p0"));
		assertThat(this.disk.get(plain, ANSWER, WriteOptions.DEFAULTS, counting(this.calls, null)))
			.isEqualTo(new Answer("p0", 0));
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void copy_migratesEntriesBackFromPersistentCacheToMemory() throws Throwable {
		fillMemory();
		this.manager.copy("memory", "disk", EntryFilter.ALL);
		assertThat(this.manager.copy("disk", "back", EntryFilter.ALL)).isEqualTo(3);
		List<CacheEntry> source = sorted(this.memory);
		List<CacheEntry> copied = sorted(this.back);
		assertThat(copied).extracting(CacheEntry::key).isEqualTo(source.stream().map(CacheEntry::key).toList());
		assertThat(copied).extracting(CacheEntry::metadata)
			.isEqualTo(source.stream().map(CacheEntry::metadata).toList());
		MemoKey golden = this.memory.key("demo#ask", Map.of("prompt", "golden"));
		CacheEntry goldenEntry = this.back.get("demo#ask", Map.of("prompt", "golden")).orElseThrow();
		assertThat(goldenEntry.annotated()).isTrue();
		assertThat(goldenEntry.metadata()).containsEntry("reviewed", "yes");
		assertThat(this.back.get(golden, ANSWER, WriteOptions.DEFAULTS, counting(this.calls, null)))
			.isEqualTo(new Answer("expected", 10));
		MemoKey plain = this.memory.key("demo#ask", Map.of("prompt", "p1"));
		assertThat(this.back.get(plain, ANSWER, WriteOptions.DEFAULTS, counting(this.calls, null)))
			.isEqualTo(new Answer("p1", 1));
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void copy_copiesOnlyEntriesFilterSelects() throws Throwable {
		fillMemory();
		assertThat(this.manager.copy("memory", "disk", EntryFilter.byAnnotation("reviewed", "yes"))).isEqualTo(1);
		assertThat(this.disk.entries(EntryFilter.ALL)).extracting(CacheEntry::value)
			.containsExactly(Map.of("text", "expected", "score", 10));
	}

	@Test
	void close_closesEveryCacheEvenWhenOneFailsToClose() {
		List<String> closed = new ArrayList<>();
		DefaultMemoCache failing = this.fixture.cache("failing", null, true, List.of(), (context) -> new NoopBackend() {
			@Override
			public void close() {
				throw new IllegalStateException("cannot close");
			}
		});
		DefaultMemoCache last = this.fixture.cache("last", null, true, List.of(), (context) -> new NoopBackend() {
			@Override
			public void close() {
				closed.add("last");
			}
		});
		DefaultMemoCacheManager manager = new DefaultMemoCacheManager(List.of(failing, last));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(manager::close).withMessage("cannot close");
		assertThat(closed).containsExactly("last");
	}

	@Test
	void close_closesCachesInReverseOrderSoThatACacheBuiltOverOthersClosesFirst() throws Exception {
		List<String> closed = new ArrayList<>();
		List<DefaultMemoCache> caches = new ArrayList<>();
		for (String name : List.of("local", "shared", "tiered")) {
			caches.add(this.fixture.cache(name, null, true, List.of(), (context) -> new NoopBackend() {
				@Override
				public void close() {
					closed.add(name);
				}
			}));
		}
		new DefaultMemoCacheManager(caches).close();
		assertThat(closed).containsExactly("tiered", "shared", "local");
	}

	private void fillMemory() throws Throwable {
		for (int i = 0; i < 2; i++) {
			MemoKey key = this.memory.key("demo#ask", Map.of("prompt", "p" + i));
			this.memory.get(key, ANSWER, new WriteOptions(null, Map.of("purpose", "answer"), null),
					counting(new AtomicInteger(), new Answer("p" + i, i)));
		}
		CacheEntry golden = this.memory.put("demo#ask", Map.of("prompt", "golden"), new Answer("model", 1));
		this.memory.put(golden.annotate(new Answer("expected", 10), Map.of("reviewed", "yes")));
	}

	private static List<CacheEntry> sorted(DefaultMemoCache cache) {
		return cache.entries(EntryFilter.ALL).sorted(Comparator.comparing(CacheEntry::key)).toList();
	}

	record Answer(String text, int score) {
	}

}
