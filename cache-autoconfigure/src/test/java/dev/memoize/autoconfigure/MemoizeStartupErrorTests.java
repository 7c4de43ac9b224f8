package dev.memoize.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.memoize.Memoize;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import dev.memoize.MemoizeException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every misused {@code @Memoize} fails application start-up with a message
 * naming the method and the problem.
 */
class MemoizeStartupErrorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class));

	private static String failure(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).isInstanceOf(MemoizeException.class);
		return StartupFailures.messages(context.getStartupFailure());
	}

	@Test
	void voidMethodFailsStartupNamingTheMethod() {
		this.runner.withBean(VoidService.class)
			.run((context) -> assertThat(failure(context)).contains("VoidService.fire(String)")
				.contains("returns void"));
	}

	@Test
	void unknownExcludeFailsStartupNamingTheMethod() {
		this.runner.withBean(UnknownExcludeService.class)
			.run((context) -> assertThat(failure(context)).contains("UnknownExcludeService.ask(String)")
				.contains("'requestId'"));
	}

	@Test
	void malformedAnnotationFailsStartupNamingTheMethod() {
		this.runner.withBean(MalformedAnnotationService.class)
			.run((context) -> assertThat(failure(context)).contains("MalformedAnnotationService.ask(String)")
				.contains("'purpose' is not a key=value pair"));
	}

	@Test
	void badTtlFailsStartupNamingTheMethod() {
		this.runner.withBean(BadTtlService.class)
			.run((context) -> assertThat(failure(context)).contains("BadTtlService.ask(String)")
				.contains("'5 parsecs' is not a duration"));
	}

	@Test
	void unknownCacheFailsStartupNamingTheMethodAndTheProperty() {
		this.runner.withBean(UnknownCacheService.class)
			.run((context) -> assertThat(failure(context)).contains("UnknownCacheService.ask(String)")
				.contains("cache 'missing' is not configured")
				.contains("memoize.caches.missing"));
	}

	@Test
	void cacheConfiguredUnderCachesIsAccepted() {
		this.runner.withBean(UnknownCacheService.class)
			.withPropertyValues("memoize.caches.missing.type=memory")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void methodsOnTheChangedDefaultCacheAreAccepted() {
		this.runner.withUserConfiguration(CountingService.Config.class)
			.withPropertyValues("memoize.default-cache=other")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void monoAndFluxMethodsAreAccepted() {
		this.runner.withBean(ReactiveService.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ReactiveService service = context.getBean(ReactiveService.class);
			assertThat(service.ask("a").block()).isEqualTo("a");
			assertThat(service.stream("b").collectList().block()).containsExactly("b");
		});
	}

	@Test
	void publisherThatIsNeitherMonoNorFluxFailsStartupNamingTheTypesThatWork() {
		this.runner.withBean(PublisherService.class)
			.run((context) -> assertThat(failure(context)).contains("PublisherService.ask(String)")
				.contains("return type Publisher is asynchronous")
				.contains("CompletableFuture, CompletionStage, Mono or Flux"));
	}

	@Test
	void invalidConditionFailsStartupNamingTheMethod() {
		this.runner.withBean(BadConditionService.class)
			.run((context) -> assertThat(failure(context)).contains("BadConditionService.ask(String)")
				.contains("condition '#prompt =='")
				.contains("not valid SpEL"));
	}

	@Test
	void invalidUnlessFailsStartupNamingTheMethod() {
		this.runner.withBean(BadUnlessService.class)
			.run((context) -> assertThat(failure(context)).contains("BadUnlessService.ask(String)")
				.contains("unless '#result )('")
				.contains("not valid SpEL"));
	}

	@Test
	void finalMethodFailsStartupNamingTheMethod() {
		this.runner.withBean(FinalMethodService.class)
			.run((context) -> assertThat(failure(context)).contains("FinalMethodService.ask(String)")
				.contains("the method is final, so a proxy cannot intercept it"));
	}

	@Test
	void staticMethodFailsStartupNamingTheMethod() {
		this.runner.withBean(StaticMethodService.class)
			.run((context) -> assertThat(failure(context)).contains("StaticMethodService.ask(String)")
				.contains("the method is static, so a proxy cannot intercept it"));
	}

	@Test
	void annotationNamingAKeyTwiceFailsStartupNamingTheMethod() {
		this.runner.withBean(DuplicateAnnotationService.class)
			.run((context) -> assertThat(failure(context)).contains("DuplicateAnnotationService.ask(String)")
				.contains("annotation names 'purpose' twice"));
	}

	@Test
	void zeroTtlFailsStartupNamingTheMethod() {
		this.runner.withBean(ZeroTtlService.class)
			.run((context) -> assertThat(failure(context)).contains("ZeroTtlService.ask(String)")
				.contains("ttl '0s' must be positive"));
	}

	@Test
	void everyBadMethodIsReportedTogether() {
		this.runner.withUserConfiguration(BadServices.class)
			.run((context) -> assertThat(failure(context)).contains("VoidService.fire(String)")
				.contains("BadTtlService.ask(String)")
				.contains("UnknownCacheService.ask(String)"));
	}

	public static class ReactiveService {

		@Memoize
		public Mono<String> ask(String prompt) {
			return Mono.just(prompt);
		}

		@Memoize
		public Flux<String> stream(String prompt) {
			return Flux.just(prompt);
		}

	}

	public static class PublisherService {

		@Memoize
		public Publisher<String> ask(String prompt) {
			return Mono.just(prompt);
		}

	}

	public static class BadConditionService {

		@Memoize(condition = "#prompt ==")
		public String ask(String prompt) {
			return prompt;
		}

	}

	public static class BadUnlessService {

		@Memoize(unless = "#result )(")
		public String ask(String prompt) {
			return prompt;
		}

	}

	public static class FinalMethodService {

		@Memoize
		public final String ask(String prompt) {
			return prompt;
		}

	}

	public static class StaticMethodService {

		@Memoize
		public static String ask(String prompt) {
			return prompt;
		}

	}

	public static class DuplicateAnnotationService {

		@Memoize(annotation = { "purpose=answer", "purpose=question" })
		public String ask(String prompt) {
			return prompt;
		}

	}

	public static class ZeroTtlService {

		@Memoize(ttl = "0s")
		public String ask(String prompt) {
			return prompt;
		}

	}

	public static class VoidService {

		@Memoize
		public void fire(String target) {
		}

	}

	public static class UnknownExcludeService {

		@Memoize(exclude = "requestId")
		public String ask(String prompt) {
			return prompt;
		}

	}

	public static class MalformedAnnotationService {

		@Memoize(annotation = "purpose")
		public String ask(String prompt) {
			return prompt;
		}

	}

	public static class BadTtlService {

		@Memoize(ttl = "5 parsecs")
		public String ask(String prompt) {
			return prompt;
		}

	}

	public static class UnknownCacheService {

		@Memoize(cache = "missing")
		public String ask(String prompt) {
			return prompt;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadServices {

		@Bean
		VoidService voidService() {
			return new VoidService();
		}

		@Bean
		BadTtlService badTtlService() {
			return new BadTtlService();
		}

		@Bean
		UnknownCacheService unknownCacheService() {
			return new UnknownCacheService();
		}

	}

}
