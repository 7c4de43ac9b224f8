package dev.memoize.autoconfigure.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.FileSystemUtils;

import dev.memoize.MemoCacheManager;
import dev.memoize.MemoizeException;
import dev.memoize.autoconfigure.DiskBackendFactory;
import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.autoconfigure.MemoizeProperties;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of memoized calls whose {@code file} or {@code disk} cache fails underneath them.
 * The tests may run as root, for whom a directory without write permission is still
 * writable, so the faults are others: the {@code file} cache's directory replaced by a
 * regular file (a volume gone, a mistaken clean-up), the {@code disk} cache's store
 * closed while the application still calls.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class LocalBackendFaultTests {

	private static final int CALLS_DURING_FAULT = 10;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withBean(OutageService.class);

	@TempDir
	Path directory;

	@Test
	void fileCacheCallsComputeTheirResultsAndCountErrorsWhileItsDirectoryIsAFileThenCachingResumes() {
		Path entries = this.directory.resolve("entries");
		fileCache(entries, true).run((context) -> {
			OutageService service = context.getBean(OutageService.class);
			assertThat(service.compute("warm")).isEqualTo("result of warm");
			assertThat(service.compute("warm")).isEqualTo("result of warm");
			assertThat(service.calls()).as("the second call is a hit").isEqualTo(1);
			long errorsBefore = errors(context);

			replaceByFile(entries);
			for (int i = 0; i < CALLS_DURING_FAULT; i++) {
				String input = (i % 2 == 0) ? "warm" : "input " + i;
				assertThat(service.compute(input)).isEqualTo("result of " + input);
			}
			assertThat(service.calls()).as("every call ran the method").isEqualTo(1 + CALLS_DURING_FAULT);
			assertThat(errors(context) - errorsBefore).as("errors counted").isGreaterThanOrEqualTo(CALLS_DURING_FAULT);

			Files.delete(entries);
			Files.createDirectories(entries);
			assertThat(service.compute("after")).isEqualTo("result of after");
			assertThat(service.compute("after")).isEqualTo("result of after");
			assertThat(service.calls()).as("the call after the repair is a hit").isEqualTo(2 + CALLS_DURING_FAULT);
		});
	}

	@Test
	void fileCacheCallFailsWithAnExceptionNamingTheCacheWhileItsDirectoryIsAFileWhenNotFailOpen() {
		Path entries = this.directory.resolve("entries");
		fileCache(entries, false).run((context) -> {
			OutageService service = context.getBean(OutageService.class);
			assertThat(service.compute("warm")).isEqualTo("result of warm");
			replaceByFile(entries);
			assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> service.compute("warm"))
				.withMessageContaining("Cache '" + OutageService.CACHE + "'");
		});
	}

	@Test
	void diskCacheCallsComputeTheirResultsAndCountErrorsAfterItsStoreIsClosed() {
		RecordingDiskBackendFactory factory = new RecordingDiskBackendFactory();
		this.runner.withBean(DiskBackendFactory.class, () -> factory)
			.withPropertyValues("memoize.caches." + OutageService.CACHE + ".type=disk",
					"memoize.caches." + OutageService.CACHE + ".disk.directory=" + this.directory.resolve("store"))
			.run((context) -> {
				OutageService service = context.getBean(OutageService.class);
				assertThat(service.compute("warm")).isEqualTo("result of warm");
				assertThat(service.compute("warm")).isEqualTo("result of warm");
				assertThat(service.calls()).as("the second call is a hit").isEqualTo(1);
				long errorsBefore = errors(context);

				assertThat(factory.created).hasSize(1);
				factory.created.get(0).close();
				for (int i = 0; i < CALLS_DURING_FAULT; i++) {
					String input = (i % 2 == 0) ? "warm" : "input " + i;
					assertThat(service.compute(input)).isEqualTo("result of " + input);
				}
				assertThat(service.calls()).as("every call ran the method").isEqualTo(1 + CALLS_DURING_FAULT);
				assertThat(errors(context) - errorsBefore).as("errors counted")
					.isGreaterThanOrEqualTo(CALLS_DURING_FAULT);
			});
	}

	private ApplicationContextRunner fileCache(Path entries, boolean failOpen) {
		return this.runner.withPropertyValues("memoize.fail-open=" + failOpen,
				"memoize.caches." + OutageService.CACHE + ".type=file",
				"memoize.caches." + OutageService.CACHE + ".file.directory=" + entries);
	}

	private static void replaceByFile(Path directory) throws Exception {
		assertThat(FileSystemUtils.deleteRecursively(directory)).isTrue();
		Files.writeString(directory, "not a directory");
	}

	private static long errors(AssertableApplicationContext context) {
		return context.getBean(MemoCacheManager.class).cache(OutageService.CACHE).stats().errors();
	}

	/**
	 * Creates {@code disk} backends as the starter does and keeps them, so that a test
	 * can close one underneath its cache.
	 */
	static final class RecordingDiskBackendFactory extends DiskBackendFactory {

		final List<CacheBackend> created = new ArrayList<>();

		@Override
		public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context) {
			CacheBackend backend = super.create(properties, context);
			this.created.add(backend);
			return backend;
		}

	}

}
