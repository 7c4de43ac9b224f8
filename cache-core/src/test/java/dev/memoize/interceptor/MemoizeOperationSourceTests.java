package dev.memoize.interceptor;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.memoize.Memoize;
import dev.memoize.MemoizeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of parsing {@code @Memoize} declarations with {@link MemoizeOperationSource}.
 */
class MemoizeOperationSourceTests {

	private final MemoizeOperationSource source = new MemoizeOperationSource();

	private static Method method(Class<?> type, String name) {
		return Arrays.stream(type.getDeclaredMethods())
			.filter((method) -> method.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private MemoizeOperation parse(String name) {
		return this.source.operation(method(BadDeclarations.class, name), BadDeclarations.class);
	}

	private ThrowableAssertAlternative<MemoizeException> assertInvalid(String name, String parameters) {
		return assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> parse(name))
			.withMessageContaining("dev.memoize.interceptor.BadDeclarations." + name + "(" + parameters + ")");
	}

	@Test
	void voidMethodIsRejected() {
		assertInvalid("fire", "String").withMessageContaining("returns void");
	}

	@Test
	void unknownExcludeNameIsRejected() {
		assertInvalid("unknownExclude", "String").withMessageContaining("'requestId'")
			.withMessageContaining("not a parameter")
			.withMessageContaining("[prompt]");
	}

	@Test
	void annotationPairWithoutEqualsIsRejected() {
		assertInvalid("malformedAnnotation", "String").withMessageContaining("'purpose'")
			.withMessageContaining("not a key=value pair");
	}

	@Test
	void annotationPairWithoutNameIsRejected() {
		assertInvalid("annotationWithoutName", "String").withMessageContaining("'=answer'")
			.withMessageContaining("not a key=value pair");
	}

	@Test
	void duplicateAnnotationKeyIsRejected() {
		assertInvalid("duplicateAnnotation", "String").withMessageContaining("'purpose' twice");
	}

	@Test
	void unparsableTtlIsRejected() {
		assertInvalid("badTtl", "String").withMessageContaining("'5 parsecs' is not a duration");
	}

	@Test
	void zeroTtlIsRejected() {
		assertInvalid("zeroTtl", "String").withMessageContaining("ttl '0s' must be positive");
	}

	@Test
	void negativeTtlIsRejected() {
		assertInvalid("negativeTtl", "String").withMessageContaining("ttl '-1m' must be positive");
	}

	@Test
	void invalidConditionSpelIsRejected() {
		assertInvalid("invalidCondition", "String").withMessageContaining("condition '#prompt =='")
			.withMessageContaining("not valid SpEL");
	}

	@Test
	void invalidUnlessSpelIsRejected() {
		assertInvalid("invalidUnless", "String").withMessageContaining("unless '#result )('")
			.withMessageContaining("not valid SpEL");
	}

	@Test
	void finalMethodIsRejectedBecauseAProxyCannotInterceptIt() {
		assertInvalid("finalMethod", "String").withMessageContaining("final")
			.withMessageContaining("proxy cannot intercept");
	}

	@Test
	void futureThatIsNotACompletionStageIsRejected() {
		assertInvalid("future", "String").withMessageContaining("return type Future is asynchronous")
			.withMessageContaining("declare CompletableFuture, CompletionStage, Mono or Flux");
	}

	@Test
	void monoOfVoidIsRejectedAsHavingNothingToMemoize() {
		assertInvalid("completion", "String").withMessageContaining("returns Mono<Void>")
			.withMessageContaining("nothing to memoize");
	}

	@Test
	void publisherOtherThanMonoOrFluxIsRejected() {
		assertInvalid("publisher", "String").withMessageContaining("return type Publisher is asynchronous")
			.withMessageContaining("declare CompletableFuture, CompletionStage, Mono or Flux");
	}

	@Test
	void asynchronousReturnTypesAreAcceptedAndUnwrapped() {
		assertKind("future", ReturnKind.FUTURE, "java.lang.String");
		assertKind("stage", ReturnKind.FUTURE, "java.lang.String");
		assertKind("mono", ReturnKind.MONO, "java.lang.String");
		assertKind("flux", ReturnKind.FLUX, "java.util.List<java.lang.String>");
		assertKind("rawFlux", ReturnKind.FLUX, "java.util.List<java.lang.Object>");
	}

	private void assertKind(String name, ReturnKind kind, String valueType) {
		MemoizeOperation operation = this.source.operation(method(GoodDeclarations.class, name),
				GoodDeclarations.class);
		assertThat(operation.returnKind()).isEqualTo(kind);
		assertThat(operation.valueType()).hasToString(valueType);
	}

	@Test
	void everyProblemOfOneMethodIsReportedTogether() {
		assertInvalid("twoProblems", "String").withMessageContaining("'nope'")
			.withMessageContaining("'soon' is not a duration");
	}

	@Test
	void methodWithoutMemoizeHasNoOperation() throws Exception {
		assertThat(this.source.operation(Object.class.getMethod("toString"), Object.class)).isNull();
		assertThat(this.source.isMemoized(Object.class.getMethod("toString"), Object.class)).isFalse();
	}

	@Test
	void operationCarriesTheParsedAttributes() {
		MemoizeOperation operation = this.source.operation(method(GoodDeclarations.class, "ask"),
				GoodDeclarations.class);
		assertThat(operation.func()).isEqualTo(
				"dev.memoize.interceptor.MemoizeOperationSourceTests$GoodDeclarations#ask(String,String,boolean)");
		assertThat(operation.cacheName()).isEqualTo("llm");
		assertThat(operation.ttl()).isEqualTo(Duration.ofDays(7));
		assertThat(operation.metadata())
			.containsExactlyInAnyOrderEntriesOf(Map.of("purpose", "answer", "team", "search"));
		assertThat(operation.inputs(new Object[] { "why", "r-1", true })).containsOnlyKeys("prompt");
	}

	@Test
	void emptyCacheAttributeMeansTheDefaultCache() {
		MemoizeOperation operation = this.source.operation(method(GoodDeclarations.class, "plain"),
				GoodDeclarations.class);
		assertThat(operation.cacheName()).isNull();
		assertThat(operation.ttl()).isNull();
		assertThat(operation.metadata()).isEmpty();
	}

	@Test
	void isoTtlIsAccepted() {
		MemoizeOperation operation = this.source.operation(method(GoodDeclarations.class, "iso"),
				GoodDeclarations.class);
		assertThat(operation.ttl()).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void annotationOnAnInterfaceMethodIsFound() throws Exception {
		Method method = GoodDeclarations.class.getMethod("lookup", String.class);
		assertThat(this.source.isMemoized(method, GoodDeclarations.class)).isTrue();
		assertThat(this.source.operation(method, GoodDeclarations.class).ttl()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void operationIsParsedOncePerMethod() {
		Method method = method(GoodDeclarations.class, "ask");
		assertThat(this.source.operation(method, GoodDeclarations.class))
			.isSameAs(this.source.operation(method, GoodDeclarations.class));
	}

	interface Lookups {

		@Memoize(ttl = "30s")
		String lookup(String text);

	}

	static class GoodDeclarations implements Lookups {

		@Memoize(cache = "llm", exclude = { "requestId", "debug" }, annotation = { "purpose=answer", "team=search" },
				ttl = "7d")
		public String ask(String prompt, String requestId, boolean debug) {
			return prompt;
		}

		@Memoize
		public String plain(String prompt) {
			return prompt;
		}

		@Memoize(ttl = "PT10M")
		public String iso(String prompt) {
			return prompt;
		}

		@Override
		public String lookup(String text) {
			return text;
		}

		@Memoize
		public CompletableFuture<String> future(String prompt) {
			return CompletableFuture.completedFuture(prompt);
		}

		@Memoize
		public CompletionStage<String> stage(String prompt) {
			return CompletableFuture.completedFuture(prompt);
		}

		@Memoize
		public Mono<String> mono(String prompt) {
			return Mono.just(prompt);
		}

		@Memoize
		public Flux<String> flux(String prompt) {
			return Flux.just(prompt);
		}

		@SuppressWarnings("rawtypes")
		@Memoize
		public Flux rawFlux(String prompt) {
			return Flux.just(prompt);
		}

	}

}
