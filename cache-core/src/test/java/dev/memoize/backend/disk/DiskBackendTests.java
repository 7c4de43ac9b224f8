package dev.memoize.backend.disk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.support.TestClock;

import static dev.memoize.backend.disk.DiskEntries.entry;
import static dev.memoize.backend.disk.DiskEntries.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the disk backend does beyond the backend contract: size limit with
 * least-recently-used eviction, restarts, a locked directory, closing.
 */
class DiskBackendTests {

	/** Every entry of these tests takes the same bytes: keys and values of one length. */
	private static final long ENTRY_BYTES = footprintOf(entry("k0", "v0"));

	@TempDir
	Path directory;

	private final TestClock clock = new TestClock();

	private final List<String> evicted = new CopyOnWriteArrayList<>();

	private final List<DiskBackend> opened = new ArrayList<>();

	@AfterEach
	void closeBackends() {
		this.opened.forEach(DiskBackend::close);
	}

	private DiskBackend open(long sizeLimit) {
		DiskBackend backend = new DiskBackend(this.directory, sizeLimit,
				new BackendContext("disk-test", this.clock, this.evicted::add));
		this.opened.add(backend);
		return backend;
	}

	private static long footprintOf(CacheEntry entry) {
		byte[] record = new RecordCodec(tools.jackson.databind.json.JsonMapper.builder().build()).encode(entry);
		return 2L * entry.key().getBytes(StandardCharsets.UTF_8).length + record.length + RecencyList.STAMP_SIZE;
	}

	@Test
	void put_evictsLeastRecentlyWrittenEntriesBeyondTheSizeLimit() {
		DiskBackend backend = open(3 * ENTRY_BYTES);
		for (int i = 0; i < 5; i++) {
			backend.put(entry("k" + i, "v" + i));
		}
		assertThat(this.evicted).containsExactly("k0", "k1");
		assertThat(backend.get(key("k0"))).isSameAs(Lookup.miss());
		assertThat(backend.get(key("k1"))).isSameAs(Lookup.miss());
		assertThat(backend.size()).isEqualTo(3);
		assertThat(backend.storedBytes()).isEqualTo(3 * ENTRY_BYTES);
	}

	@Test
	void get_protectsAnEntryFromEviction() {
		DiskBackend backend = open(3 * ENTRY_BYTES);
		backend.put(entry("k0", "v0"));
		backend.put(entry("k1", "v1"));
		backend.put(entry("k2", "v2"));
		assertThat(backend.get(key("k0"))).isInstanceOf(Lookup.Hit.class);
		backend.put(entry("k3", "v3"));
		assertThat(this.evicted).containsExactly("k1");
		assertThat(backend.get(key("k0"))).isInstanceOf(Lookup.Hit.class);
	}

	@Test
	void getAll_protectsEntriesFromEviction() {
		DiskBackend backend = open(3 * ENTRY_BYTES);
		backend.putAll(List.of(entry("k0", "v0"), entry("k1", "v1"), entry("k2", "v2")));
		backend.getAll(List.of(key("k1"), key("k0")));
		backend.put(entry("k3", "v3"));
		assertThat(this.evicted).containsExactly("k2");
	}

	@Test
	void put_evictsAnEntryLargerThanTheWholeLimit() {
		DiskBackend backend = open(ENTRY_BYTES / 2);
		backend.put(entry("k0", "v0"));
		assertThat(this.evicted).containsExactly("k0");
		assertThat(backend.size()).isZero();
		assertThat(backend.storedBytes()).isZero();
	}

	@Test
	void remove_freesItsBytes() {
		DiskBackend backend = open(1L << 20);
		backend.put(entry("k0", "v0"));
		backend.put(entry("k1", "v1"));
		backend.remove("k0");
		assertThat(backend.storedBytes()).isEqualTo(ENTRY_BYTES);
		backend.clear(EntryFilter.ALL);
		assertThat(backend.storedBytes()).isZero();
	}

	@Test
	void reopen_seesEveryEntryAndRemembersRecency() {
		DiskBackend first = open(3 * ENTRY_BYTES);
		first.put(entry("k0", "v0"));
		first.put(entry("k1", "v1"));
		first.put(entry("k2", "v2"));
		first.get(key("k0"));
		first.close();
		DiskBackend second = open(3 * ENTRY_BYTES);
		assertThat(second.size()).isEqualTo(3);
		assertThat(second.storedBytes()).isEqualTo(3 * ENTRY_BYTES);
		assertThat(((Lookup.Hit) second.get(key("k2"))).entry()).isEqualTo(entry("k2", "v2"));
		second.put(entry("k3", "v3"));
		assertThat(this.evicted).containsExactly("k1");
	}

	@Test
	void reopen_remembersReadsStoredInPagesOfReads() {
		int count = DiskBackend.TOUCH_BATCH;
		long entryBytes = footprintOf(entry(numbered("k", 0), numbered("v", 0)));
		DiskBackend first = open(count * entryBytes);
		for (int i = 0; i < count; i++) {
			first.put(entry(numbered("k", i), numbered("v", i)));
		}
		for (int i = 1; i <= count; i++) {
			first.get(key(numbered("k", i % count)));
		}
		assertThat(first.storedReadPages()).isEqualTo(1);
		first.close();
		DiskBackend second = open((count - 1) * entryBytes);
		assertThat(second.storedReadPages()).as("no page added by close").isEqualTo(1);
		assertThat(this.evicted).as("least recently read, not least recently written")
			.containsExactly(numbered("k", 1));
	}

	@Test
	void pagesOfReadsAreRewrittenSoTheyStayBounded() {
		int count = 2 * DiskBackend.TOUCH_BATCH;
		DiskBackend backend = open(1L << 30);
		for (int i = 0; i < count; i++) {
			backend.put(entry(numbered("k", i), numbered("v", i)));
		}
		for (int round = 0; round < 20; round++) {
			for (int i = 0; i < count; i++) {
				backend.get(key(numbered("k", i)));
			}
		}
		long budget = 2 * (count / DiskBackend.TOUCH_BATCH + 1) + 16;
		assertThat(backend.storedReadPages()).isBetween(1L, budget);
		backend.close();
		DiskBackend reopened = open(1L << 30);
		assertThat(reopened.storedReadPages()).isBetween(1L, budget);
		assertThat(reopened.size()).isEqualTo(count);
	}

	private static String numbered(String prefix, int number) {
		return String.format("%s%04d", prefix, number);
	}

	@Test
	void reopen_evictsDownToASmallerSizeLimit() {
		DiskBackend first = open(1L << 20);
		for (int i = 0; i < 5; i++) {
			first.put(entry("k" + i, "v" + i));
		}
		first.close();
		DiskBackend second = open(2 * ENTRY_BYTES);
		assertThat(this.evicted).containsExactly("k0", "k1", "k2");
		assertThat(second.size()).isEqualTo(2);
	}

	@Test
	void get_missesAndDeletesAnExpiredEntryReportingItEvicted() {
		DiskBackend backend = open(1L << 20);
		CacheEntry entry = entry("k0", "v0");
		backend.put(new CacheEntry("k0", "f", entry.inputs(), entry.output(), null, false, entry.metadata(),
				this.clock.instant(), this.clock.instant().plusSeconds(10)));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(backend.get(key("k0"))).isSameAs(Lookup.miss());
		assertThat(this.evicted).containsExactly("k0");
		assertThat(backend.size()).isZero();
	}

	@Test
	void scan_pagesInKeyOrderWithTheLastKeyAsCursor() {
		DiskBackend backend = open(1L << 20);
		for (String key : List.of("c", "a", "e", "b", "d")) {
			backend.put(entry(key, key));
		}
		EntryPage first = backend.scan(EntryFilter.ALL, null, 2);
		assertThat(first.entries()).extracting(CacheEntry::key).containsExactly("a", "b");
		assertThat(first.nextCursor()).isEqualTo("b");
		EntryPage second = backend.scan(EntryFilter.ALL, first.nextCursor(), 2);
		assertThat(second.entries()).extracting(CacheEntry::key).containsExactly("c", "d");
		EntryPage third = backend.scan(EntryFilter.ALL, second.nextCursor(), 2);
		assertThat(third.entries()).extracting(CacheEntry::key).containsExactly("e");
		assertThat(third.isLast()).isTrue();
	}

	@Test
	void scan_withKeyPrefixReadsOnlyThatRange() {
		DiskBackend backend = open(1L << 20);
		for (String key : List.of("aa1", "ab1", "ab2", "ac1")) {
			backend.put(entry(key, key));
		}
		EntryPage page = backend.scan(EntryFilter.byKeyPrefix("ab"), "aa9", 10);
		assertThat(page.entries()).extracting(CacheEntry::key).containsExactly("ab1", "ab2");
		assertThat(page.isLast()).isTrue();
	}

	@Test
	void open_failsClearlyWhenTheDirectoryIsInUse() {
		open(1L << 20);
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> open(1L << 20))
			.withMessageContaining("Disk cache 'disk-test' cannot open " + this.directory.toAbsolutePath())
			.withMessageContaining("in use by another process or another open cache");
	}

	@Test
	void open_rejectsASizeLimitBelowOneByte() {
		assertThatIllegalArgumentException().isThrownBy(() -> open(0)).withMessageContaining("sizeLimit");
	}

	@Test
	void close_makesReadsFailAndWritesThrowAndCanBeRepeated() {
		DiskBackend backend = open(1L << 20);
		backend.close();
		backend.close();
		assertThat(backend.get(key("k0"))).isInstanceOf(Lookup.Failure.class);
		assertThat(backend.getAll(List.of(key("k0"))).get("k0")).isInstanceOf(Lookup.Failure.class);
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> backend.put(entry("k0", "v0")))
			.withMessage("Disk cache 'disk-test' is closed");
		assertThatExceptionOfType(BackendException.class).isThrownBy(backend::size);
	}

	@Test
	void close_releasesTheDirectory() {
		open(1L << 20).close();
		DiskBackend again = open(1L << 20);
		assertThat(again.size()).isZero();
	}

	@Test
	void put_rejectsValuesThatAreNotEncoded() {
		DiskBackend backend = open(1L << 20);
		assertThatIllegalArgumentException().isThrownBy(() -> backend.put(entry("k0", "v0").withOutput("live")))
			.withMessageContaining("encoded values only");
	}

}
