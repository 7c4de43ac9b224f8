package dev.memoize.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.memoize.Memoize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of memoized methods returning futures, {@code Mono} and {@code Flux} in an
 * auto-configured application, with and without Reactor on the class path.
 */
class AsynchronousMethodsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withUserConfiguration(CountingService.Config.class);

	@Test
	void futureMonoAndFluxMethodsAreMemoized() {
		this.runner.withBean(AsyncService.class).run((context) -> {
			AsyncService service = context.getBean(AsyncService.class);
			for (int i = 0; i < 2; i++) {
				assertThat(service.future("a").get(30, TimeUnit.SECONDS)).isEqualTo("future a");
				assertThat(service.mono("a").block()).isEqualTo("mono a");
				assertThat(service.flux("a b").collectList().block()).containsExactly("a", "b");
			}
			assertThat(service.calls()).isEqualTo(3);
		});
	}

	@Test
	void applicationWithoutReactorStartsAndMemoizesSynchronousAndFutureMethods() {
		this.runner.withBean(FutureService.class)
			.withClassLoader(new FilteredClassLoader("reactor."))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CountingService counting = context.getBean(CountingService.class);
				counting.greet("ada");
				counting.greet("ada");
				assertThat(counting.calls()).isEqualTo(1);
				FutureService service = context.getBean(FutureService.class);
				assertThat(service.future("a").get(30, TimeUnit.SECONDS)).isEqualTo("future a");
				assertThat(service.future("a").get(30, TimeUnit.SECONDS)).isEqualTo("future a");
				assertThat(service.calls()).isEqualTo(1);
			});
	}

	/**
	 * A bean with a memoized future method and no Reactor type, as an application without
	 * Reactor has; it counts how often the method runs.
	 */
	public static class FutureService {

		private final AtomicInteger calls = new AtomicInteger();

		/**
		 * How often the memoized methods ran; not memoized, so a proxy passes it to the
		 * target.
		 * @return the run count
		 */
		public int calls() {
			return this.calls.get();
		}

		@Memoize
		public CompletableFuture<String> future(String prompt) {
			this.calls.incrementAndGet();
			return CompletableFuture.supplyAsync(() -> "future " + prompt);
		}

	}

	/**
	 * A bean with memoized asynchronous methods that counts how often they run.
	 */
	public static class AsyncService {

		private final AtomicInteger calls = new AtomicInteger();

		/**
		 * How often the memoized methods ran; not memoized, so a proxy passes it to the
		 * target.
		 * @return the run count
		 */
		public int calls() {
			return this.calls.get();
		}

		@Memoize
		public CompletableFuture<String> future(String prompt) {
			this.calls.incrementAndGet();
			return CompletableFuture.supplyAsync(() -> "future " + prompt);
		}

		@Memoize
		public Mono<String> mono(String prompt) {
			this.calls.incrementAndGet();
			return Mono.just("mono " + prompt);
		}

		@Memoize
		public Flux<String> flux(String text) {
			this.calls.incrementAndGet();
			return Flux.just(text.split(" "));
		}

	}

}
