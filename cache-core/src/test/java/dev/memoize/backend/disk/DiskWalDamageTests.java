package dev.memoize.backend.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.Lookup;

import static dev.memoize.backend.disk.DiskEntries.entry;
import static dev.memoize.backend.disk.DiskEntries.json;
import static dev.memoize.backend.disk.DiskEntries.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store whose write-ahead log ends in a damaged tail, as a crash in the middle of a
 * write or a disk fault leaves it, still opens: every entry written before the damaged
 * record reads back with its value, the entry whose record was damaged is at worst a
 * miss, and the store takes new writes. The damaged log is made by copying the directory
 * of an open store whose writes are still only in its log (a crash image), then
 * truncating or extending the newest log file.
 */
class DiskWalDamageTests {

	private static final int ENTRIES = 20;

	@TempDir
	Path directory;

	@ParameterizedTest(name = "{0}")
	@ValueSource(
			strings = { "truncated by 1 byte", "truncated by 7 bytes", "truncated by 40 bytes", "garbage appended" })
	void storeWithADamagedLogTailOpensWithEveryEarlierEntry(String damage) throws Exception {
		Path live = this.directory.resolve("live");
		Path image = this.directory.resolve("image");
		try (DiskBackend backend = open(live)) {
			for (int i = 0; i < ENTRIES; i++) {
				backend.put(entry("k" + i, "value " + i));
			}
			copy(live, image);
		}
		Path log = newestLog(image);
		assertThat(Files.size(log)).isPositive();
		damage(log, damage);

		try (DiskBackend backend = open(image)) {
			for (int i = 0; i < ENTRIES - 1; i++) {
				Lookup lookup = backend.get(key("k" + i));
				assertThat(lookup).as("k" + i).isInstanceOf(Lookup.Hit.class);
				assertThat(((Lookup.Hit) lookup).entry().output()).as("k" + i).isEqualTo(json("value " + i));
			}
			Lookup last = backend.get(key("k" + (ENTRIES - 1)));
			if (last instanceof Lookup.Hit hit) {
				assertThat(hit.entry().output()).isEqualTo(json("value " + (ENTRIES - 1)));
			}
			else {
				assertThat(last).isSameAs(Lookup.miss());
			}
			backend.put(entry("after", "written after recovery"));
			assertThat(backend.get(key("after"))).isInstanceOf(Lookup.Hit.class);
		}
	}

	private static DiskBackend open(Path directory) {
		return new DiskBackend(directory, 1L << 24, BackendContext.of("wal"));
	}

	private static void copy(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (Stream<Path> files = Files.list(from)) {
			for (Path file : files.toList()) {
				if (!file.getFileName().toString().equals("LOCK")) {
					Files.copy(file, to.resolve(file.getFileName()));
				}
			}
		}
	}

	private static Path newestLog(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			List<Path> logs = files.filter((file) -> file.getFileName().toString().endsWith(".log"))
				.sorted(Comparator.comparing((Path file) -> file.getFileName().toString()))
				.toList();
			assertThat(logs).as("write-ahead logs in " + directory).isNotEmpty();
			return logs.get(logs.size() - 1);
		}
	}

	private static void damage(Path log, String damage) throws IOException {
		if (damage.equals("garbage appended")) {
			Files.write(log, "\u0001garbage tail\u00ff".repeat(8).getBytes(), StandardOpenOption.APPEND);
			return;
		}
		int cut = Integer.parseInt(damage.replaceAll("\\D", ""));
		try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
			channel.truncate(channel.size() - cut);
		}
	}

}
