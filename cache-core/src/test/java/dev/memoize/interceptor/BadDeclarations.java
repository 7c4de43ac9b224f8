package dev.memoize.interceptor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import dev.memoize.Memoize;

/**
 * One misused {@code @Memoize} per method, for the parser tests.
 */
class BadDeclarations {

	@Memoize
	public void fire(String target) {
	}

	@Memoize(exclude = "requestId")
	public String unknownExclude(String prompt) {
		return prompt;
	}

	@Memoize(annotation = "purpose")
	public String malformedAnnotation(String prompt) {
		return prompt;
	}

	@Memoize(annotation = "=answer")
	public String annotationWithoutName(String prompt) {
		return prompt;
	}

	@Memoize(annotation = { "purpose=answer", "purpose=question" })
	public String duplicateAnnotation(String prompt) {
		return prompt;
	}

	@Memoize(ttl = "5 parsecs")
	public String badTtl(String prompt) {
		return prompt;
	}

	@Memoize(ttl = "0s")
	public String zeroTtl(String prompt) {
		return prompt;
	}

	@Memoize(ttl = "-1m")
	public String negativeTtl(String prompt) {
		return prompt;
	}

	@Memoize(condition = "#prompt ==")
	public String invalidCondition(String prompt) {
		return prompt;
	}

	@Memoize(unless = "#result )(")
	public String invalidUnless(String prompt) {
		return prompt;
	}

	@Memoize
	public final String finalMethod(String prompt) {
		return prompt;
	}

	@Memoize
	public Future<String> future(String prompt) {
		return CompletableFuture.completedFuture(prompt);
	}

	@Memoize
	public Mono<Void> completion(String prompt) {
		return Mono.empty();
	}

	@Memoize
	public Publisher<String> publisher(String prompt) {
		return Mono.just(prompt);
	}

	@Memoize(exclude = "nope", ttl = "soon")
	public String twoProblems(String prompt) {
		return prompt;
	}

}
