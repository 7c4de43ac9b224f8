package dev.memoize.backend.disk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.Lookup;

import static dev.memoize.backend.disk.DiskEntries.entry;
import static dev.memoize.backend.disk.DiskEntries.key;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged record in the store reads as a miss and is deleted, whichever operation meets
 * it.
 */
class DiskCorruptionTests {

	@TempDir
	Path directory;

	private final List<DiskBackend> opened = new ArrayList<>();

	@BeforeEach
	void storeTwoEntries() {
		DiskBackend backend = open();
		backend.put(entry("k0", "v0"));
		backend.put(entry("k1", "v1"));
		backend.close();
	}

	@AfterEach
	void closeBackends() {
		this.opened.forEach(DiskBackend::close);
	}

	static Stream<Arguments> damages() {
		return Stream.of(Arguments.of("truncated", (UnaryOperator<byte[]>) (r) -> Arrays.copyOf(r, r.length / 2)),
				Arguments.of("bit flipped", (UnaryOperator<byte[]>) (r) -> {
					byte[] damaged = r.clone();
					damaged[r.length / 3] ^= 0x10;
					return damaged;
				}), Arguments.of("empty", (UnaryOperator<byte[]>) (r) -> new byte[0]), Arguments.of("unknown version",
						(UnaryOperator<byte[]>) (r) -> RecordCodecTests.withValidChecksum(r, 0, (byte) 2)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("damages")
	void get_missesADamagedRecordAndDeletesIt(String damage, UnaryOperator<byte[]> how) throws Exception {
		damage("k0", how);
		DiskBackend backend = open();
		assertThat(backend.get(key("k0"))).isSameAs(Lookup.miss());
		assertThat(backend.corruptRecords()).isEqualTo(1);
		assertThat(backend.size()).isEqualTo(1);
		assertThat(backend.get(key("k1"))).isInstanceOf(Lookup.Hit.class);
		backend.close();
		assertThat(storedRecord("k0")).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("damages")
	void getAll_missesADamagedRecordAndDeletesIt(String damage, UnaryOperator<byte[]> how) throws Exception {
		damage("k0", how);
		DiskBackend backend = open();
		assertThat(backend.getAll(List.of(key("k0"), key("k1"))).get("k0")).isSameAs(Lookup.miss());
		assertThat(backend.size()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("damages")
	void scan_skipsADamagedRecordAndDeletesIt(String damage, UnaryOperator<byte[]> how) throws Exception {
		damage("k0", how);
		DiskBackend backend = open();
		assertThat(backend.scan(EntryFilter.ALL, null, 10).entries()).extracting(CacheEntry::key).containsExactly("k1");
		assertThat(backend.corruptRecords()).isEqualTo(1);
		assertThat(backend.size()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("damages")
	void clear_byFuncSkipsADamagedRecordAndDeletesIt(String damage, UnaryOperator<byte[]> how) throws Exception {
		damage("k0", how);
		DiskBackend backend = open();
		assertThat(backend.clear(EntryFilter.byFunc("f"))).isEqualTo(1);
		assertThat(backend.size()).isZero();
	}

	private DiskBackend open() {
		DiskBackend backend = new DiskBackend(this.directory, 1L << 20, BackendContext.of("corruption"));
		this.opened.add(backend);
		return backend;
	}

	private void damage(String key, UnaryOperator<byte[]> how) throws Exception {
		try (DiskStore store = DiskStore.open(this.directory); DiskStore.Changes changes = store.changes()) {
			byte[] damaged = how.apply(store.record(key.getBytes(UTF_8)));
			changes.put(key.getBytes(UTF_8), damaged, new RecencyList().written(key, damaged.length));
			store.apply(changes);
		}
	}

	private byte[] storedRecord(String key) throws Exception {
		try (DiskStore store = DiskStore.open(this.directory)) {
			return store.record(key.getBytes(UTF_8));
		}
	}

}
