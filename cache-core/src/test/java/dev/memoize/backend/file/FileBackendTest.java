package dev.memoize.backend.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.ResolvableType;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.WriteOptions;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.codec.DefaultValueCodec;
import dev.memoize.codec.EncodedValue;
import dev.memoize.codec.JavaSerializationCodec;
import dev.memoize.codec.JsonValueCodec;
import dev.memoize.key.MemoKey;
import dev.memoize.key.Sha256KeyGenerator;
import dev.memoize.support.CacheSettings;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.support.TestClock;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of what the file backend does beyond the backend contract: its files, hand edits,
 * damaged and leftover files, and {@code max-files}.
 */
class FileBackendTest {

	private static final String KEY = "9a039cd6868717f044d27000ba3c91468e733e3f9718f3b4faef0769e04c71d3";

	private static final ResolvableType STRING = ResolvableType.forClass(String.class);

	@TempDir
	Path directory;

	private final TestClock clock = new TestClock();

	private final List<String> evicted = new CopyOnWriteArrayList<>();

	private final AtomicInteger calls = new AtomicInteger();

	private final List<AutoCloseable> opened = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable each : this.opened) {
			each.close();
		}
	}

	@Test
	void put_writesOnePrettyPrintedFileNamedByKeyInTheShardOfItsFirstTwoCharacters() throws Exception {
		FileBackend backend = backend(100);
		backend.put(entry(KEY, "\"v\""));
		Path file = this.directory.resolve("9a").resolve(KEY + ".json");
		assertThat(file).isRegularFile();
		assertThat(Files.readString(file)).startsWith("{\n  \"key\": \"" + KEY + "\",\n  \"func\": \"f\",\n")
			.contains("\n  \"output\": \"v\",\n  \"outputFormat\": \"json\",\n")
			.endsWith("\n}\n");
		try (Stream<Path> files = Files.walk(this.directory)) {
			assertThat(files.filter(Files::isRegularFile)).containsExactly(file);
		}
	}

	@Test
	void expectedValueEditedByHandIsServedByTheCache() throws Throwable {
		DefaultMemoCache cache = cache(backend(100));
		MemoKey key = cache.key("svc#ask(String)", Map.of("prompt", "hi"));
		assertThat(call(cache, key)).isEqualTo("computed");
		Path file = this.directory.resolve(key.key().substring(0, 2)).resolve(key.key() + ".json");
		String document = Files.readString(file);
		assertThat(document).contains("\"expected\": null").contains("\"annotated\": false");
		Files.writeString(file, document.replace("\"expected\": null", "\"expected\": \"golden\"")
			.replace("\"annotated\": false", "\"annotated\": true"));
		assertThat(call(cache, key)).isEqualTo("golden");
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void structuredExpectedValueEditedByHandIsDecodedToTheDeclaredType() throws Throwable {
		DefaultMemoCache cache = cache(backend(100));
		MemoKey key = cache.key("svc#answer(String)", Map.of("prompt", "hi"));
		ResolvableType type = ResolvableType.forClass(Answer.class);
		cache.get(key, type, WriteOptions.DEFAULTS, () -> new Answer("computed", 1));
		Path file = this.directory.resolve(key.key().substring(0, 2)).resolve(key.key() + ".json");
		String edited = Files.readString(file)
			.replace("\"expected\": null", "\"expected\": {\n    \"text\": \"golden\",\n    \"score\": 5\n  }")
			.replace("\"annotated\": false", "\"annotated\": true");
		Files.writeString(file, edited);
		assertThat(cache.get(key, type, WriteOptions.DEFAULTS, () -> new Answer("again", 2)))
			.isEqualTo(new Answer("golden", 5));
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "", "{\"key\": \"k1\", \"func\": \"f\", \"crea" })
	void unreadableFileIsAMissAndIsMovedAside(String content) throws Exception {
		FileBackend backend = backend(100);
		Path file = write("k1", content);
		assertThat(backend.get(key("k1"))).isSameAs(Lookup.miss());
		assertThat(file).doesNotExist();
		assertThat(file.resolveSibling("k1.json.unreadable")).hasContent(content);
		assertThat(backend.size()).isZero();
		assertThat(backend.scan(EntryFilter.ALL, null, 10).entries()).isEmpty();
	}

	@Test
	void truncatedFileIsAMissForTheCacheWhichComputesAndStoresAgain() throws Throwable {
		FileBackend backend = backend(100);
		DefaultMemoCache cache = cache(backend);
		MemoKey key = cache.key("svc#ask(String)", Map.of("prompt", "hi"));
		call(cache, key);
		Path file = this.directory.resolve(key.key().substring(0, 2)).resolve(key.key() + ".json");
		byte[] whole = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(whole, whole.length / 2));
		assertThat(call(cache, key)).isEqualTo("computed");
		assertThat(this.calls).hasValue(2);
		assertThat(Files.readAllBytes(file)).isEqualTo(whole);
		assertThat(call(cache, key)).isEqualTo("computed");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void fileHoldingTheKeyOfAnotherFileIsUnreadable() throws Exception {
		FileBackend backend = backend(100);
		backend.put(entry("k1", "\"v\""));
		Path copy = this.directory.resolve("k2").resolve("k2.json");
		Files.createDirectories(copy.getParent());
		Files.copy(this.directory.resolve("k1").resolve("k1.json"), copy);
		assertThat(backend.get(key("k2"))).isSameAs(Lookup.miss());
		assertThat(copy).doesNotExist();
		assertThat(backend.get(key("k1"))).isInstanceOf(Lookup.Hit.class);
	}

	@Test
	void temporaryFilesAreIgnoredAndAbandonedOnesDeletedOnOpen() throws Exception {
		Path abandoned = write(".k1.json.1f2e.tmp", "{\"key\": \"k1\"");
		Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
		Path recent = write(".k2.json.3a4b.tmp", "{\"key\": \"k2\"");
		FileBackend backend = backend(100);
		assertThat(abandoned).doesNotExist();
		assertThat(recent).exists();
		assertThat(backend.size()).isZero();
		assertThat(backend.get(key("k2"))).isSameAs(Lookup.miss());
		assertThat(backend.scan(EntryFilter.ALL, null, 10).entries()).isEmpty();
		assertThat(recent).exists();
	}

	@Test
	void put_leavesNoTemporaryFile() throws Exception {
		FileBackend backend = backend(100);
		for (int i = 0; i < 20; i++) {
			backend.put(entry("k" + i, "\"v\""));
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			assertThat(files.filter(Files::isRegularFile).map((file) -> file.getFileName().toString())).hasSize(20)
				.allMatch((name) -> name.endsWith(".json") && !name.startsWith("."));
		}
	}

	@Test
	void put_evictsTheLeastRecentlyWrittenFilesBeyondMaxFiles() {
		FileBackend backend = backend(3);
		for (String key : List.of("k1", "k2", "k3", "k4", "k5")) {
			backend.put(entry(key, "\"v\""));
		}
		assertThat(backend.size()).isEqualTo(3);
		assertThat(keys(backend)).containsExactly("k3", "k4", "k5");
		assertThat(this.evicted).containsExactly("k1", "k2");
	}

	@Test
	void concurrentWritersLeaveExactlyMaxFilesAndReportEveryEviction() throws Exception {
		FileBackend backend = backend(50);
		int threads = 4;
		int perThread = 100;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				String prefix = "t" + thread + "-";
				writers.add(executor.submit(() -> {
					for (int i = 0; i < perThread; i++) {
						backend.put(entry(prefix + i, "\"v\""));
					}
				}));
			}
			for (Future<?> writer : writers) {
				writer.get(1, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(backend.size()).isEqualTo(50);
		assertThat(this.evicted).hasSize(threads * perThread - 50).doesNotHaveDuplicates();
		assertThat(keys(backend)).doesNotContainAnyElementsOf(this.evicted);
	}

	@Test
	void put_ofAnExistingKeyMakesItTheMostRecentlyWritten() {
		FileBackend backend = backend(3);
		for (String key : List.of("k1", "k2", "k3", "k1", "k4")) {
			backend.put(entry(key, "\"v\""));
		}
		assertThat(keys(backend)).containsExactly("k1", "k3", "k4");
		assertThat(this.evicted).containsExactly("k2");
	}

	@Test
	void open_ordersFoundFilesByModificationTimeAndEvictsBeyondMaxFiles() throws Exception {
		FileBackend first = backend(100);
		for (String key : List.of("k1", "k2", "k3")) {
			first.put(entry(key, "\"v\""));
		}
		Instant base = Instant.parse("2025-01-01T00:00:00Z");
		touch("k1", base.plusSeconds(3));
		touch("k2", base.plusSeconds(1));
		touch("k3", base.plusSeconds(2));
		FileBackend reopened = backend(2);
		assertThat(keys(reopened)).containsExactly("k1", "k3");
		assertThat(this.evicted).containsExactly("k2");
		reopened.put(entry("k4", "\"v\""));
		assertThat(keys(reopened)).containsExactly("k1", "k4");
	}

	@Test
	void get_deletesTheFileOfAnExpiredEntryAndReportsTheEviction() {
		FileBackend backend = backend(100);
		backend.put(entry("k1", "\"v\""));
		backend.put(CacheEntry.of("k2", "f", Map.of(), json("\"v\""), Map.of(), this.clock.instant(),
				this.clock.instant().plusSeconds(10)));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(backend.get(key("k2"))).isSameAs(Lookup.miss());
		assertThat(this.directory.resolve("k2").resolve("k2.json")).doesNotExist();
		assertThat(this.evicted).containsExactly("k2");
		assertThat(backend.size()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "K1", "a", "_x", "a/b", "../up", "a.b", "con", "日本", " ", "",
			"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789" })
	void keysThatAreNotSafeFileNamesAreStoredUnderTheirHash(String key) throws Exception {
		FileBackend backend = backend(100);
		CacheEntry entry = entry(key, "\"v\"");
		backend.put(entry);
		assertThat(backend.get(key(key))).isEqualTo(Lookup.hit(entry));
		assertThat(backend.scan(EntryFilter.ALL, null, 10).entries()).containsExactly(entry);
		try (Stream<Path> files = Files.walk(this.directory)) {
			assertThat(files.filter(Files::isRegularFile)).singleElement()
				.satisfies((file) -> assertThat(file.getParent().getParent()).isEqualTo(this.directory))
				.satisfies((file) -> assertThat(file.getFileName().toString()).matches("_[0-9a-f]{64}\\.json"));
		}
		assertThat(backend(100).get(key(key))).isEqualTo(Lookup.hit(entry));
		assertThat(backend.remove(key)).isTrue();
		assertThat(backend.size()).isZero();
	}

	@Test
	void scan_returnsEntriesInKeyOrderWithTheLastKeyAsCursor() {
		FileBackend backend = backend(100);
		for (String key : List.of("b2", "a10", "c0", "a1", "ab", "9z")) {
			backend.put(entry(key, "\"v\""));
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			EntryPage page = backend.scan(EntryFilter.ALL, cursor, 4);
			page.entries().forEach((entry) -> seen.add(entry.key()));
			cursor = page.nextCursor();
			if (cursor != null) {
				assertThat(cursor).isEqualTo(seen.get(seen.size() - 1));
			}
		}
		while (cursor != null);
		assertThat(seen).containsExactly("9z", "a1", "a10", "ab", "b2", "c0");
	}

	@Test
	void clear_byKeyPrefixAlsoRemovesMatchingKeysStoredUnderTheirHash() {
		FileBackend backend = backend(100);
		for (String key : List.of("Ka", "Kb", "ka", "La")) {
			backend.put(entry(key, "\"v\""));
		}
		assertThat(backend.clear(EntryFilter.byKeyPrefix("K"))).isEqualTo(2);
		assertThat(keys(backend)).containsExactlyInAnyOrder("ka", "La");
		assertThat(backend.clear(EntryFilter.byKeyPrefix("k"))).isEqualTo(1);
		assertThat(keys(backend)).containsExactly("La");
	}

	@Test
	void filesThatAreNotEntryFilesOfTheirFolderAreIgnored() throws Exception {
		FileBackend backend = backend(100);
		backend.put(entry("k1", "\"v\""));
		Path misplaced = this.directory.resolve("zz").resolve("k1.json");
		Files.createDirectories(misplaced.getParent());
		Files.copy(this.directory.resolve("k1").resolve("k1.json"), misplaced);
		Files.writeString(this.directory.resolve("README.md"), "golden answers");
		Files.writeString(this.directory.resolve("k1").resolve("notes.txt"), "reviewed");
		FileBackend reopened = backend(100);
		assertThat(reopened.size()).isEqualTo(1);
		assertThat(keys(reopened)).containsExactly("k1");
		assertThat(reopened.clear(EntryFilter.ALL)).isEqualTo(1);
		assertThat(misplaced).exists();
	}

	@Test
	void get_answersAFailureWhenTheFileCannotBeRead() throws Exception {
		FileBackend backend = backend(100);
		Files.createDirectories(this.directory.resolve("k1").resolve("k1.json"));
		assertThat(backend.get(key("k1"))).isInstanceOfSatisfying(Lookup.Failure.class,
				(failure) -> assertThat(failure.cause()).isInstanceOf(BackendException.class)
					.hasMessageContaining("File cache 'files'")
					.hasMessageContaining("k1"));
	}

	@Test
	void put_throwsBackendExceptionNamingTheCacheWhenTheFileCannotBeWritten() throws Exception {
		FileBackend backend = backend(100);
		Files.writeString(this.directory.resolve("k1"), "a file where the shard folder belongs");
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> backend.put(entry("k1", "\"v\"")))
			.withMessageContaining("File cache 'files' failed to write entry k1");
	}

	@Test
	void open_throwsBackendExceptionWhenTheDirectoryCannotBeCreated() throws Exception {
		Path occupied = this.directory.resolve("occupied");
		Files.writeString(occupied, "a file");
		assertThatExceptionOfType(BackendException.class)
			.isThrownBy(() -> new FileBackend(occupied.resolve("cache"), 100, context()))
			.withMessageContaining("File cache 'files' failed to open the directory");
	}

	private FileBackend backend(long maxFiles) {
		FileBackend backend = new FileBackend(this.directory, maxFiles, context());
		this.opened.add(backend);
		return backend;
	}

	private BackendContext context() {
		return new BackendContext("files", this.clock, this.evicted::add);
	}

	private DefaultMemoCache cache(FileBackend backend) {
		JsonMapper mapper = JsonMapper.builder().build();
		CacheSettings settings = new CacheSettings("files", new Sha256KeyGenerator(mapper, "1", Map.of()),
				new DefaultValueCodec(new JsonValueCodec(mapper), new JavaSerializationCodec(List.of())), this.clock,
				null, List.of(), true);
		return DefaultMemoCache.create(settings, (context) -> backend);
	}

	private Object call(DefaultMemoCache cache, MemoKey key) throws Throwable {
		return cache.get(key, STRING, WriteOptions.DEFAULTS, () -> {
			this.calls.incrementAndGet();
			return "computed";
		});
	}

	private Path write(String name, String content) throws Exception {
		String fileName = name.startsWith(".") ? name : name + ".json";
		String shard = name.startsWith(".") ? name.substring(1, 3) : name.substring(0, 2);
		Path file = this.directory.resolve(shard).resolve(fileName);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
		return file;
	}

	private void touch(String key, Instant time) throws Exception {
		Files.setLastModifiedTime(this.directory.resolve(key.substring(0, 2)).resolve(key + ".json"),
				FileTime.from(time));
	}

	private static List<String> keys(FileBackend backend) {
		return backend.scan(EntryFilter.ALL, null, 1000).entries().stream().map(CacheEntry::key).toList();
	}

	private CacheEntry entry(String key, String json) {
		return CacheEntry.of(key, "f", Map.of("arg", key), json(json), Map.of(), this.clock.instant(), null);
	}

	private static EncodedValue json(String text) {
		return new EncodedValue(EncodedValue.JSON, text.getBytes(StandardCharsets.UTF_8));
	}

	private static MemoKey key(String key) {
		return new MemoKey(key, "f", Map.of());
	}

	record Answer(String text, int score) {

	}

}
