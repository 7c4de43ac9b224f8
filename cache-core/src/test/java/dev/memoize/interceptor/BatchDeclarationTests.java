package dev.memoize.interceptor;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.memoize.Memoize;
import dev.memoize.MemoizeException;
import dev.memoize.interceptor.BatchOperation.Form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests of parsing {@code @Memoize(batch = true)}: the batch parameter, the five result
 * forms and their value types, and the start-up errors of declarations that cannot work.
 */
class BatchDeclarationTests {

	private final MemoizeOperationSource source = new MemoizeOperationSource();

	private static Method method(Class<?> type, String name) {
		return Arrays.stream(type.getMethods())
			.filter((method) -> method.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private BatchOperation parse(Class<?> type, String name) {
		return this.source.operation(method(type, name), type).batch();
	}

	private ThrowableAssertAlternative<MemoizeException> assertInvalid(String name, String parameters) {
		return assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> parse(Declarations.class, name))
			.withMessageContaining(
					"dev.memoize.interceptor.BatchDeclarationTests$Declarations." + name + "(" + parameters + ")");
	}

	@Test
	void methodWithoutACollectionParameterIsRejected() {
		assertInvalid("noCollection", "String, String[]")
			.withMessageContaining("batch = true needs a List, Collection or Set parameter")
			.withMessageContaining("[String, String[]]");
	}

	@Test
	void excludingTheBatchParameterIsRejected() {
		assertInvalid("excludedBatch", "List").withMessageContaining("exclude names the batch parameter 'texts'");
	}

	@Test
	void setReturnIsRejectedAsNoneOfTheFiveForms() {
		assertInvalid("setReturn", "List")
			.withMessageContaining("needs a return type of List<V>, Map<K,V>, Flux<V>, Mono<List<V>> or Mono<Map<K,V>>")
			.withMessageContaining("java.util.Set<java.lang.String>");
	}

	@Test
	void singleValueReturnIsRejectedAsNoneOfTheFiveForms() {
		assertInvalid("plainReturn", "List").withMessageContaining("needs a return type of List<V>");
	}

	@Test
	void futureOfAListIsRejectedAsNoneOfTheFiveForms() {
		assertInvalid("futureReturn", "List").withMessageContaining("needs a return type of List<V>");
	}

	@Test
	void monoOfOneValueIsRejectedAsNoneOfTheFiveForms() {
		assertInvalid("monoOfValue", "List").withMessageContaining("needs a return type of List<V>");
	}

	@Test
	void rawListReturnIsRejectedBecauseItsElementTypeCannotBeTold() {
		assertInvalid("rawList", "List").withMessageContaining("cannot be told from return type java.util.List");
	}

	@Test
	void wildcardListReturnIsRejectedBecauseItsElementTypeCannotBeTold() {
		assertInvalid("wildcardList", "List").withMessageContaining("cannot be told")
			.withMessageContaining("declare it, as in List<Answer>");
	}

	@Test
	void unresolvedTypeVariableIsRejectedBecauseItsElementTypeCannotBeTold() {
		assertInvalid("typeVariable", "List").withMessageContaining("cannot be told");
	}

	@Test
	void wildcardMapValueIsRejectedBecauseItCannotBeTold() {
		assertInvalid("wildcardMap", "List").withMessageContaining("cannot be told");
	}

	@Test
	void voidBatchMethodIsRejectedOnlyForReturningVoid() {
		assertInvalid("voidBatch", "List").withMessageContaining("returns void")
			.withMessageNotContaining("needs a return type");
	}

	@Test
	void firstCollectionParameterIsTheBatch() {
		BatchOperation batch = parse(Declarations.class, "list");
		assertThat(batch.parameterIndex()).isEqualTo(1);
		assertThat(batch.form()).isEqualTo(Form.LIST);
		assertThat(batch.valueType().toClass()).isEqualTo(Answer.class);
	}

	@Test
	void mapReturnDecodesItsValueType() {
		BatchOperation batch = parse(Declarations.class, "map");
		assertThat(batch.form()).isEqualTo(Form.MAP);
		assertThat(batch.valueType().toClass()).isEqualTo(float[].class);
	}

	@Test
	void fluxReturnDecodesItsElementType() {
		BatchOperation batch = parse(Declarations.class, "flux");
		assertThat(batch.form()).isEqualTo(Form.FLUX);
		assertThat(batch.valueType().toClass()).isEqualTo(Answer.class);
	}

	@Test
	void monoOfAListDecodesTheListsElementType() {
		BatchOperation batch = parse(Declarations.class, "monoList");
		assertThat(batch.form()).isEqualTo(Form.MONO_LIST);
		assertThat(batch.valueType())
			.hasToString(ResolvableType.forClassWithGenerics(List.class, Answer.class).toString());
	}

	@Test
	void monoOfAMapDecodesTheMapsValueType() {
		BatchOperation batch = parse(Declarations.class, "monoMap");
		assertThat(batch.form()).isEqualTo(Form.MONO_MAP);
		assertThat(batch.valueType().toClass()).isEqualTo(Answer.class);
	}

	@Test
	void declaredObjectIsATypeThatCanBeTold() {
		assertThat(parse(Declarations.class, "objects").valueType().toClass()).isEqualTo(Object.class);
	}

	@Test
	void typeVariableIsResolvedAgainstTheBeanClass() {
		BatchOperation batch = parse(AnswerRepository.class, "load");
		assertThat(batch.valueType().getType()).isEqualTo(Answer.class);
	}

	record Answer(String text) {
	}

	public static class Declarations {

		@Memoize(batch = true)
		public List<String> noCollection(String text, String[] texts) {
			return List.of(text);
		}

		@Memoize(batch = true, exclude = "texts")
		public List<String> excludedBatch(List<String> texts) {
			return texts;
		}

		@Memoize(batch = true)
		public Set<String> setReturn(List<String> texts) {
			return Set.copyOf(texts);
		}

		@Memoize(batch = true)
		public String plainReturn(List<String> texts) {
			return texts.toString();
		}

		@Memoize(batch = true)
		public CompletableFuture<List<String>> futureReturn(List<String> texts) {
			return CompletableFuture.completedFuture(texts);
		}

		@Memoize(batch = true)
		public Mono<String> monoOfValue(List<String> texts) {
			return Mono.just(texts.toString());
		}

		@Memoize(batch = true)
		@SuppressWarnings("rawtypes")
		public List rawList(List<String> texts) {
			return texts;
		}

		@Memoize(batch = true)
		public List<?> wildcardList(List<String> texts) {
			return texts;
		}

		@Memoize(batch = true)
		public <T> List<T> typeVariable(List<String> texts) {
			return List.of();
		}

		@Memoize(batch = true)
		public Map<String, ?> wildcardMap(List<String> texts) {
			return Map.of();
		}

		@Memoize(batch = true)
		public void voidBatch(List<String> texts) {
		}

		@Memoize(batch = true)
		public List<Answer> list(String model, Set<String> texts, List<String> more) {
			return texts.stream().map(Answer::new).toList();
		}

		@Memoize(batch = true)
		public Map<String, float[]> map(Collection<String> texts) {
			return Map.of();
		}

		@Memoize(batch = true)
		public Flux<Answer> flux(List<String> texts) {
			return Flux.empty();
		}

		@Memoize(batch = true)
		public Mono<List<List<Answer>>> monoList(List<String> texts) {
			return Mono.empty();
		}

		@Memoize(batch = true)
		public Mono<Map<String, Answer>> monoMap(Set<String> texts) {
			return Mono.empty();
		}

		@Memoize(batch = true)
		public List<Object> objects(List<String> texts) {
			return List.of();
		}

	}

	public static class Repository<T> {

		@Memoize(batch = true)
		public List<T> load(List<String> ids) {
			return List.of();
		}

	}

	public static class AnswerRepository extends Repository<Answer> {

	}

}
