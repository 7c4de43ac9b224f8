package dev.memoize.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.MemoCacheManager;
import dev.memoize.Memoize;
import dev.memoize.MemoizeException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code @Memoize(batch = true)} methods are memoized element by element in an
 * application, and that a batch declaration that cannot work fails start-up naming the
 * method.
 */
class BatchMethodTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class));

	private static String failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).isInstanceOf(MemoizeException.class);
		return StartupFailures.messages(context.getStartupFailure());
	}

	@Test
	void batchMethodGivesItsMethodOnlyTheElementsNotYetStored() {
		this.runner.withBean(EmbeddingService.class).run((context) -> {
			EmbeddingService service = context.getBean(EmbeddingService.class);
			assertThat(service.embed(List.of("a", "b"))).containsExactly("A", "B");
			assertThat(service.embed(List.of("b", "c", "a"))).containsExactly("B", "C", "A");
			assertThat(service.given()).containsExactly(List.of("a", "b"), List.of("c"));
			assertThat(context.getBean(MemoCacheManager.class).cache("default").size()).isEqualTo(3);
		});
	}

	@Test
	void batchMethodWithoutACollectionParameterFailsStartupNamingTheMethod() {
		this.runner.withBean(NoCollectionService.class)
			.run((context) -> assertThat(failure(context)).contains("NoCollectionService.embed(String)")
				.contains("batch = true needs a List, Collection or Set parameter"));
	}

	@Test
	void batchMethodReturningNoneOfTheFiveFormsFailsStartupNamingTheMethod() {
		this.runner.withBean(SetReturnService.class)
			.run((context) -> assertThat(failure(context)).contains("SetReturnService.embed(List)")
				.contains("needs a return type of List<V>, Map<K,V>, Flux<V>, Mono<List<V>> or Mono<Map<K,V>>"));
	}

	public static class EmbeddingService {

		private final List<List<String>> given = new CopyOnWriteArrayList<>();

		@Memoize(batch = true)
		public List<String> embed(List<String> texts) {
			this.given.add(texts);
			return texts.stream().map((text) -> text.toUpperCase(Locale.ROOT)).toList();
		}

		public List<List<String>> given() {
			return this.given;
		}

	}

	public static class NoCollectionService {

		@Memoize(batch = true)
		public List<String> embed(String text) {
			return List.of(text);
		}

	}

	public static class SetReturnService {

		@Memoize(batch = true)
		public Set<String> embed(List<String> texts) {
			return Set.copyOf(texts);
		}

	}

}
