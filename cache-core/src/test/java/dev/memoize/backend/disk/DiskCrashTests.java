package dev.memoize.backend.disk;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;

import static dev.memoize.backend.disk.DiskEntries.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * A process killed with SIGKILL in the middle of writes loses no committed entry and
 * leaves no damaged one: a child JVM ({@link DiskCrashWriter}) prints each key once its
 * write returned; after the kill, every printed key reads back with its value, and every
 * stored record decodes.
 */
class DiskCrashTests {

	private static final int COMMITTED_LINES = 500;

	@TempDir
	Path directory;

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void killedWriterLosesNoCommittedEntryAndLeavesNoDamagedRecord() throws Exception {
		Path store = this.directory.resolve("store");
		List<String> committed = new ArrayList<>();
		Process writer = startWriter(store);
		try (BufferedReader lines = writer.inputReader()) {
			while (committed.size() < COMMITTED_LINES) {
				String line = lines.readLine();
				if (line == null) {
					fail("The writer stopped after %d lines: %s", committed.size(),
							Files.readString(this.directory.resolve("writer.err")));
				}
				committed.add(line);
			}
			assertThatExceptionOfType(BackendException.class).isThrownBy(() -> open(store))
				.withMessageContaining("in use by another process");
			writer.destroyForcibly();
		}
		finally {
			writer.destroyForcibly();
			assertThat(writer.waitFor(1, TimeUnit.MINUTES)).as("writer ended").isTrue();
		}
		assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
		try (DiskBackend reopened = open(store)) {
			for (String key : committed) {
				Lookup lookup = reopened.get(key(key));
				assertThat(lookup).as("committed %s", key).isInstanceOf(Lookup.Hit.class);
				assertThat(((Lookup.Hit) lookup).entry()).isEqualTo(DiskCrashWriter.entry(DiskCrashWriter.index(key)));
			}
			List<CacheEntry> stored = scanAll(reopened);
			assertThat(reopened.corruptRecords()).as("damaged records").isZero();
			assertThat(stored).hasSizeGreaterThanOrEqualTo(committed.size()).hasSize((int) reopened.size());
			for (CacheEntry entry : stored) {
				assertThat(entry).isEqualTo(DiskCrashWriter.entry(DiskCrashWriter.index(entry.key())));
			}
		}
	}

	private Process startWriter(Path store) throws Exception {
		Path childTemp = Files.createDirectories(this.directory.resolve("tmp"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-Xmx256m", "-Djava.io.tmpdir=" + childTemp, "-cp",
				System.getProperty("java.class.path"), DiskCrashWriter.class.getName(), store.toString())
			.redirectError(this.directory.resolve("writer.err").toFile())
			.start();
	}

	private static DiskBackend open(Path store) {
		return new DiskBackend(store, 1L << 34, BackendContext.of("crash"));
	}

	private static List<CacheEntry> scanAll(DiskBackend backend) {
		List<CacheEntry> entries = new ArrayList<>();
		String cursor = null;
		do {
			EntryPage page = backend.scan(EntryFilter.ALL, cursor, 1000);
			entries.addAll(page.entries());
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return entries;
	}

}
