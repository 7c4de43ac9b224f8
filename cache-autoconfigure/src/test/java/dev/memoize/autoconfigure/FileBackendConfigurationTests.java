package dev.memoize.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;
import dev.memoize.Memoize;
import dev.memoize.backend.file.FileBackend;
import dev.memoize.support.DefaultMemoCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code file} cache type and its {@code memoize.caches.<name>.file.*}
 * properties.
 */
class FileBackendConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class));

	@TempDir
	Path directory;

	@Test
	void fileTypeStoresEntriesAsFilesInTheConfiguredDirectory() {
		this.runner.withPropertyValues("memoize.caches.answers.type=file", directoryProperty()).run((context) -> {
			MemoCache cache = context.getBean(MemoCacheManager.class).cache("answers");
			assertThat(((DefaultMemoCache) cache).backend()).isInstanceOfSatisfying(FileBackend.class,
					(backend) -> assertThat(backend.directory()).isEqualTo(this.directory));
			cache.put("f", Map.of("i", 1), "v");
			assertThat(cache.size()).isEqualTo(1);
			assertThat(jsonFiles()).isEqualTo(1);
		});
	}

	@Test
	void memoizedResultsSurviveARestart() {
		ApplicationContextRunner application = this.runner.withUserConfiguration(AnswerService.Config.class)
			.withPropertyValues("memoize.caches.answers.type=file", directoryProperty());
		application.run((context) -> {
			AnswerService service = context.getBean(AnswerService.class);
			assertThat(service.answer("hello")).isEqualTo(new Answer("HELLO", 5));
			assertThat(service.answer("hello")).isEqualTo(new Answer("HELLO", 5));
			assertThat(service.calls()).isEqualTo(1);
		});
		assertThat(jsonFiles()).isEqualTo(1);
		application.run((context) -> {
			AnswerService service = context.getBean(AnswerService.class);
			assertThat(service.answer("hello")).isEqualTo(new Answer("HELLO", 5));
			assertThat(service.calls()).isZero();
			assertThat(service.answer("other")).isEqualTo(new Answer("OTHER", 5));
			assertThat(service.calls()).isEqualTo(1);
		});
	}

	@Test
	void maxFilesBoundsTheNumberOfFiles() {
		this.runner
			.withPropertyValues("memoize.caches.answers.type=file", directoryProperty(),
					"memoize.caches.answers.file.max-files=3")
			.run((context) -> {
				MemoCache cache = context.getBean(MemoCacheManager.class).cache("answers");
				for (int i = 0; i < 10; i++) {
					cache.put("f", Map.of("i", i), i);
				}
				assertThat(cache.size()).isEqualTo(3);
				assertThat(cache.stats().evictions()).isEqualTo(7);
				assertThat(jsonFiles()).isEqualTo(3);
			});
	}

	@Test
	void directoryDefaultsToAFolderOfTheCacheUnderDotMemoize() {
		assertThat(FileBackendFactory.directory(new MemoizeProperties.File(), "answers"))
			.isEqualTo(".memoize/files/answers");
	}

	@Test
	void zeroMaxFilesFailsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("memoize.caches.answers.type=file", directoryProperty(),
					"memoize.caches.answers.file.max-files=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.answers.file.max-files")
					.contains("must be at least 1");
			});
	}

	@Test
	void blankDirectoryFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.caches.answers.type=file", "memoize.caches.answers.file.directory= ")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.answers.file.directory")
					.contains("must name a directory");
			});
	}

	@Test
	void directoryThatCannotBeCreatedFailsStartupNamingTheProperty() throws Exception {
		Path occupied = Files.writeString(this.directory.resolve("occupied"), "a file");
		this.runner
			.withPropertyValues("memoize.caches.answers.type=file",
					"memoize.caches.answers.file.directory=" + occupied.resolve("cache"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StartupFailures.messages(context.getStartupFailure()))
					.contains("memoize.caches.answers.file.directory")
					.contains("failed to open the directory");
			});
	}

	private String directoryProperty() {
		return "memoize.caches.answers.file.directory=" + this.directory;
	}

	private long jsonFiles() {
		try (Stream<Path> files = Files.walk(this.directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".json")).count();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A value a memoized method returns.
	 *
	 * @param text the text
	 * @param length its length
	 */
	public record Answer(String text, int length) {

	}

	/**
	 * A bean whose memoized method uses the {@code answers} cache and counts its runs.
	 */
	public static class AnswerService {

		private final AtomicInteger calls = new AtomicInteger();

		@Memoize(cache = "answers")
		public Answer answer(String prompt) {
			this.calls.incrementAndGet();
			return new Answer(prompt.toUpperCase(), prompt.length());
		}

		public int calls() {
			return this.calls.get();
		}

		@Configuration(proxyBeanMethods = false)
		static class Config {

			@Bean
			AnswerService answerService() {
				return new AnswerService();
			}

		}

	}

}
