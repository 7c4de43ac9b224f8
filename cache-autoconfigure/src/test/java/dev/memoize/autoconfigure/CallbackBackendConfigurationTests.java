package dev.memoize.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.memoize.CacheEntry;
import dev.memoize.MemoCacheManager;
import dev.memoize.Memoize;
import dev.memoize.MemoizeFeed;
import dev.memoize.MemoizeListener;
import dev.memoize.backend.callback.CallbackBackend;
import dev.memoize.key.MemoKey;
import dev.memoize.support.DefaultMemoCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the {@code callback} cache type, answered by {@link MemoizeFeed} beans.
 */
class CallbackBackendConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withUserConfiguration(AnswerService.Config.class)
		.withPropertyValues("memoize.caches.answers.type=callback");

	@Test
	void callbackTypeCreatesACallbackBackend() {
		this.runner.run((context) -> {
			DefaultMemoCache cache = (DefaultMemoCache) context.getBean(MemoCacheManager.class).cache("answers");
			assertThat(cache.backend()).isInstanceOf(CallbackBackend.class);
		});
	}

	@Test
	void withoutAnAnswerTheMethodRunsEveryTime() {
		this.runner.withBean("silent", MemoizeFeed.class, () -> (cache, key) -> Optional.empty()).run((context) -> {
			AnswerService service = context.getBean(AnswerService.class);
			assertThat(service.ask("why")).isEqualTo(new Answer("computed why", 0));
			assertThat(service.ask("why")).isEqualTo(new Answer("computed why", 0));
			assertThat(service.calls()).isEqualTo(2);
		});
	}

	@Test
	void feedAnswerIsServedWithoutRunningTheMethod() {
		this.runner.withBean(FirstFeed.class).run((context) -> {
			AnswerService service = context.getBean(AnswerService.class);
			assertThat(service.ask("why")).isEqualTo(new Answer("first why", 1));
			assertThat(service.calls()).isZero();
		});
	}

	@Test
	void firstFeedInOrderWins() {
		this.runner.withBean(SecondFeed.class).withBean(FirstFeed.class).run((context) -> {
			AnswerService service = context.getBean(AnswerService.class);
			assertThat(service.ask("why")).isEqualTo(new Answer("first why", 1));
			assertThat(service.calls()).isZero();
		});
	}

	@Test
	void throwingFeedIsSkipped() {
		this.runner.withBean(ThrowingFeed.class).withBean(SecondFeed.class).run((context) -> {
			AnswerService service = context.getBean(AnswerService.class);
			assertThat(service.ask("why")).isEqualTo(new Answer("second why", 2));
			assertThat(service.calls()).isZero();
		});
	}

	@Test
	void mapAnswerIsConvertedToTheDeclaredRecordType() {
		this.runner
			.withBean("mapFeed", MemoizeFeed.class,
					() -> (cache, key) -> Optional.of(Map.of("text", "from map", "score", 7)))
			.run((context) -> {
				AnswerService service = context.getBean(AnswerService.class);
				assertThat(service.ask("why")).isEqualTo(new Answer("from map", 7));
				assertThat(service.calls()).isZero();
			});
	}

	@Test
	void mapAnswerIsConvertedToTheTypeArgumentOfAGenericBean() {
		this.runner.withBean(AnswerRepository.class)
			.withBean("mapFeed", MemoizeFeed.class,
					() -> (cache, key) -> Optional.of(Map.of("text", "from map", "score", 7)))
			.run((context) -> {
				Answer answer = context.getBean(AnswerRepository.class).load("why");
				assertThat(answer).isEqualTo(new Answer("from map", 7));
			});
	}

	@Test
	void feedIsToldTheCacheAndTheCall() {
		List<MemoKey> asked = new CopyOnWriteArrayList<>();
		List<String> caches = new CopyOnWriteArrayList<>();
		this.runner.withBean("recordingFeed", MemoizeFeed.class, () -> (cache, key) -> {
			caches.add(cache);
			asked.add(key);
			return Optional.empty();
		}).run((context) -> {
			context.getBean(AnswerService.class).ask("why");
			assertThat(caches).containsOnly("answers");
			assertThat(asked).isNotEmpty().allSatisfy((key) -> {
				assertThat(key.func()).isEqualTo(AnswerService.class.getName() + "#ask(String)");
				assertThat(Map.copyOf(key.inputs())).isEqualTo(Map.of("prompt", "why"));
			});
		});
	}

	@Test
	void computedResultsAreHandedToListeners() {
		List<CacheEntry> puts = new CopyOnWriteArrayList<>();
		this.runner.withBean("recordingListener", MemoizeListener.class, () -> new MemoizeListener() {

			@Override
			public void onPut(String cache, CacheEntry entry) {
				puts.add(entry);
			}

		}).run((context) -> {
			context.getBean(AnswerService.class).ask("why");
			assertThat(puts).singleElement().satisfies((entry) -> {
				assertThat(entry.output()).isEqualTo(new Answer("computed why", 0));
				assertThat(entry.inputs()).containsExactly(Map.entry("prompt", "why"));
			});
		});
	}

	/**
	 * The value the memoized method returns.
	 *
	 * @param text the answer
	 * @param score where it came from
	 */
	public record Answer(String text, int score) {
	}

	public static class AnswerService {

		private final AtomicInteger calls = new AtomicInteger();

		@Memoize(cache = "answers")
		public Answer ask(String prompt) {
			this.calls.incrementAndGet();
			return new Answer("computed " + prompt, 0);
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

	public static class Repository<T> {

		@Memoize(cache = "answers")
		public T load(String id) {
			throw new IllegalStateException("the feed answers");
		}

	}

	public static class AnswerRepository extends Repository<Answer> {

	}

	static class FirstFeed implements MemoizeFeed, Ordered {

		@Override
		public Optional<Object> answer(String cache, MemoKey key) {
			return Optional.of(new Answer("first " + key.inputs().get("prompt"), 1));
		}

		@Override
		public int getOrder() {
			return 1;
		}

	}

	static class SecondFeed implements MemoizeFeed, Ordered {

		@Override
		public Optional<Object> answer(String cache, MemoKey key) {
			return Optional.of(new Answer("second " + key.inputs().get("prompt"), 2));
		}

		@Override
		public int getOrder() {
			return 2;
		}

	}

	static class ThrowingFeed implements MemoizeFeed, Ordered {

		@Override
		public Optional<Object> answer(String cache, MemoKey key) {
			throw new IllegalStateException("feed is down");
		}

		@Override
		public int getOrder() {
			return 0;
		}

	}

}
