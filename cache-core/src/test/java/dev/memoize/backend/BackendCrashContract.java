package dev.memoize.backend;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.key.MemoKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A process killed with SIGKILL in the middle of writes to a persistent backend loses no
 * committed entry and leaves no damaged one: a child JVM ({@link CrashWriter}) prints
 * each key once its write returned and is killed at a random moment after its first
 * {@value #COMMITTED_LINES} writes; after the kill, a backend opened again over the same
 * location reads every printed key back with its value, and every entry it holds is
 * exactly the one written for its key. Each backend's test class extends this one and
 * names its {@link CrashTarget}.
 */
public abstract class BackendCrashContract {

	private static final int COMMITTED_LINES = 500;

	private static final Duration MAX_KILL_DELAY = Duration.ofMillis(500);

	private static final Pattern COMPLETE_LINE = Pattern.compile("crash-[0-9]{8}");

	@TempDir
	protected Path directory;

	/**
	 * The backend under test.
	 * @return the target
	 */
	protected abstract CrashTarget target();

	/**
	 * Called while the writer runs, after it committed some entries; does nothing unless
	 * overridden.
	 * @param location the writer's cache
	 */
	protected void whileTheWriterRuns(Path location) {
	}

	/**
	 * Called with the backend opened again after the writer was killed and checked; does
	 * nothing unless overridden.
	 * @param reopened the backend
	 */
	protected void afterTheRestart(CacheBackend reopened) {
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void killedWriterLosesNoCommittedEntryAndLeavesNoDamagedOne() throws Exception {
		Path location = this.directory.resolve("store");
		List<String> committed = new ArrayList<>();
		Process writer = startWriter(location);
		try (BufferedReader lines = writer.inputReader()) {
			while (committed.size() < COMMITTED_LINES) {
				String line = lines.readLine();
				if (line == null) {
					fail("The writer stopped after %d lines: %s", committed.size(),
							Files.readString(this.directory.resolve("writer.err")));
				}
				committed.add(line);
			}
			whileTheWriterRuns(location);
			// SIGKILL through the handle, which leaves the pipe open for the last lines,
			// at
			// a random point of the writes while they go on being read
			long delay = ThreadLocalRandom.current().nextLong(MAX_KILL_DELAY.toMillis());
			CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
				.execute(() -> writer.toHandle().destroyForcibly());
			String line;
			while ((line = lines.readLine()) != null) {
				if (COMPLETE_LINE.matcher(line).matches()) {
					committed.add(line);
				}
			}
		}
		finally {
			writer.destroyForcibly();
			assertThat(writer.waitFor(1, TimeUnit.MINUTES)).as("writer ended").isTrue();
		}
		assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
		try (CacheBackend reopened = target().open(location)) {
			List<String> lost = new ArrayList<>();
			for (String key : committed) {
				Lookup lookup = reopened.get(new MemoKey(key, "crash#write(int)", Map.of()));
				if (!(lookup instanceof Lookup.Hit hit)
						|| !hit.entry().equals(CrashWriter.entry(CrashWriter.index(key)))) {
					lost.add(key + ": " + lookup);
				}
			}
			List<CacheEntry> stored = scanAll(reopened);
			System.out.printf("crash %s committed=%d checked=%d lost=%d stored=%d%n", target(), committed.size(),
					committed.size(), lost.size(), stored.size());
			assertThat(lost).as("committed entries missing or wrong").isEmpty();
			assertThat(stored).hasSizeGreaterThanOrEqualTo(committed.size()).hasSize((int) reopened.size());
			for (CacheEntry entry : stored) {
				assertThat(entry).isEqualTo(CrashWriter.entry(CrashWriter.index(entry.key())));
			}
			afterTheRestart(reopened);
		}
	}

	private Process startWriter(Path location) throws Exception {
		Path childTemp = Files.createDirectories(this.directory.resolve("tmp"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-Xmx256m", "-Djava.io.tmpdir=" + childTemp, "-cp",
				System.getProperty("java.class.path"), CrashWriter.class.getName(), target().name(),
				location.toString())
			.redirectError(this.directory.resolve("writer.err").toFile())
			.start();
	}

	private static List<CacheEntry> scanAll(CacheBackend backend) {
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
