package dev.memoize.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.util.unit.DataSize;

import dev.memoize.CacheEntry;
import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.disk.DiskBackend;
import dev.memoize.support.DefaultMemoCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code disk} cache type and its {@code memoize.caches.<name>.disk.*}
 * properties.
 */
class DiskBackendConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class));

	@TempDir
	Path directory;

	private static MemoCache cache(ApplicationContext context, String name) {
		return context.getBean(MemoCacheManager.class).cache(name);
	}

	private static DiskBackend backend(ApplicationContext context, String name) {
		return (DiskBackend) ((DefaultMemoCache) cache(context, name)).backend();
	}

	private String[] vectorsInTheTempDirectory(String... more) {
		String[] properties = new String[more.length + 2];
		properties[0] = "memoize.caches.vectors.type=disk";
		properties[1] = "memoize.caches.vectors.disk.directory=" + this.directory;
		System.arraycopy(more, 0, properties, 2, more.length);
		return properties;
	}

	@Test
	void entriesSurviveARestartOfTheApplication() {
		this.runner.withPropertyValues(vectorsInTheTempDirectory())
			.run((context) -> cache(context, "vectors").put("embed(String)", Map.of("text", "hello"),
					new float[] { 0.5f, 0.25f }));
		this.runner.withPropertyValues(vectorsInTheTempDirectory()).run((context) -> {
			CacheEntry entry = cache(context, "vectors").get("embed(String)", Map.of("text", "hello")).orElseThrow();
			assertThat(entry.output()).isEqualTo(List.of(0.5, 0.25));
			assertThat(cache(context, "vectors").size()).isEqualTo(1);
		});
	}

	@Test
	void directoryAndSizeLimitComeFromTheProperties() {
		this.runner.withPropertyValues(vectorsInTheTempDirectory("memoize.caches.vectors.disk.size-limit=32MB"))
			.run((context) -> {
				assertThat(backend(context, "vectors").directory()).isEqualTo(this.directory.toAbsolutePath());
				assertThat(backend(context, "vectors").sizeLimit()).isEqualTo(DataSize.ofMegabytes(32).toBytes());
			});
	}

	@Test
	void sizeLimitDefaultsToOneGigabyte() {
		this.runner.withPropertyValues(vectorsInTheTempDirectory())
			.run((context) -> assertThat(backend(context, "vectors").sizeLimit())
				.isEqualTo(DataSize.ofGigabytes(1).toBytes()));
	}

	@Test
	void directoryDefaultsToTheCacheNameUnderDotMemoizeDisk() {
		assertThat(DiskBackendFactory.directory(new MemoizeProperties.Disk(), "vectors"))
			.isEqualTo(Path.of(".memoize", "disk", "vectors"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1MB" })
	void sizeLimitThatIsNotPositiveFailsStartupNamingTheProperty(String sizeLimit) {
		this.runner.withPropertyValues(vectorsInTheTempDirectory("memoize.caches.vectors.disk.size-limit=" + sizeLimit))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.vectors.disk.size-limit")
					.contains("must be positive");
			});
	}

	@Test
	void blankDirectoryFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.caches.vectors.type=disk", "memoize.caches.vectors.disk.directory= ")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.vectors.disk.directory");
			});
	}

	@Test
	void twoCachesInOneDirectoryFailStartupSayingItIsInUseAndReleaseTheDirectory() {
		this.runner
			.withPropertyValues(vectorsInTheTempDirectory("memoize.caches.other.type=disk",
					"memoize.caches.other.disk.directory=" + this.directory))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("the directory is in use by another process or another open cache");
			});
		try (DiskBackend released = new DiskBackend(this.directory, 1024, BackendContext.of("check"))) {
			assertThat(released.size()).as("the cache opened before the failure was closed").isZero();
		}
	}

	@Test
	void withoutRocksDbTheDiskTypeIsAbsentAndOtherCachesStillWork() {
		ApplicationContextRunner withoutRocksDb = this.runner.withClassLoader(new FilteredClassLoader("org.rocksdb"));
		withoutRocksDb.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(DiskBackendFactory.class);
			assertThat(cache(context, "default").put("f", Map.of("i", 1), "v")).isNotNull();
		});
		withoutRocksDb.withPropertyValues(vectorsInTheTempDirectory()).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains("memoize.caches.vectors.type")
				.contains("the disk backend needs org.rocksdb:rocksdbjni");
		});
	}

}
