package dev.memoize.interceptor;

import java.lang.reflect.ParameterizedType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;

import dev.memoize.Memoize;
import dev.memoize.MemoizeFeed;
import dev.memoize.backend.callback.CallbackBackend;
import dev.memoize.codec.DefaultValueCodec;
import dev.memoize.codec.JavaSerializationCodec;
import dev.memoize.codec.JsonValueCodec;
import dev.memoize.interceptor.MemoizedService.Answer;
import dev.memoize.key.Sha256KeyGenerator;
import dev.memoize.support.CacheSettings;
import dev.memoize.support.DefaultMemoCache;
import dev.memoize.support.DefaultMemoCacheManager;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a return type declared with a type variable of a superclass is resolved
 * against the bean's class, so stored values are decoded to the concrete type.
 */
class GenericReturnTypeTests {

	private final MemoizeOperationSource source = new MemoizeOperationSource();

	@Test
	void typeVariableReturnTypeIsResolvedAgainstTheTargetClass() throws Exception {
		MemoizeOperation operation = this.source.operation(Repository.class.getMethod("load", String.class),
				AnswerRepository.class);
		assertThat(operation.valueType().getType()).isEqualTo(Answer.class);
	}

	@Test
	void typeVariableInsideAGenericReturnTypeIsResolvedAgainstTheTargetClass() throws Exception {
		MemoizeOperation operation = this.source.operation(Repository.class.getMethod("all", String.class),
				AnswerRepository.class);
		assertThat(operation.valueType().getType()).isInstanceOfSatisfying(ParameterizedType.class, (type) -> {
			assertThat(type.getRawType()).isEqualTo(List.class);
			assertThat(type.getActualTypeArguments()).containsExactly(Answer.class);
		});
	}

	@Test
	void typeVariableArrayReturnTypeIsResolvedAgainstTheTargetClass() throws Exception {
		MemoizeOperation operation = this.source.operation(Repository.class.getMethod("array", String.class),
				AnswerRepository.class);
		assertThat(operation.valueType().getType()).isEqualTo(Answer[].class);
	}

	@Test
	void concreteGenericReturnTypeIsKept() throws Exception {
		MemoizeOperation operation = this.source.operation(Repository.class.getMethod("names", String.class),
				AnswerRepository.class);
		assertThat(operation.valueType().getType()).isInstanceOfSatisfying(ParameterizedType.class, (type) -> {
			assertThat(type.getRawType()).isEqualTo(Map.class);
			assertThat(type.getActualTypeArguments()).containsExactly(String.class, Integer.class);
		});
	}

	@Test
	void optionalOfATypeVariableIsResolvedAgainstTheTargetClass() throws Exception {
		MemoizeOperation operation = this.source.operation(Repository.class.getMethod("find", String.class),
				AnswerRepository.class);
		assertThat(operation.valueType().getType()).isEqualTo(Answer.class);
	}

	@Test
	void valueOfAnotherShapeIsConvertedToTheResolvedType() {
		MemoizeFeed feed = (cache, key) -> Optional.of(Map.of("text", "fed", "length", 3));
		JsonMapper mapper = JsonMapper.builder().build();
		CacheSettings settings = new CacheSettings("default", new Sha256KeyGenerator(mapper, "1", Map.of()),
				new DefaultValueCodec(new JsonValueCodec(mapper), new JavaSerializationCodec(List.of())),
				Clock.systemUTC(), null, List.of(), true);
		DefaultMemoCacheManager manager = new DefaultMemoCacheManager(
				List.of(DefaultMemoCache.create(settings, (context) -> new CallbackBackend(List.of(feed), context))));
		ProxyFactory factory = new ProxyFactory(new AnswerRepository());
		factory.setProxyTargetClass(true);
		factory.addAdvisor(
				new MemoizeAdvisor(this.source, new MemoizeInterceptor(this.source, () -> manager, () -> "default")));
		AnswerRepository repository = (AnswerRepository) factory.getProxy();
		Answer answer = repository.load("x");
		assertThat(answer).isEqualTo(new Answer("fed", 3));
		assertThat(repository.find("x")).contains(new Answer("fed", 3));
	}

	static class Repository<T> {

		@Memoize
		public T load(String id) {
			throw new IllegalStateException("the feed answers");
		}

		@Memoize
		public Optional<T> find(String id) {
			throw new IllegalStateException("the feed answers");
		}

		@Memoize
		public List<T> all(String id) {
			return List.of();
		}

		@Memoize
		public T[] array(String id) {
			return null;
		}

		@Memoize
		public Map<String, Integer> names(String id) {
			return Map.of();
		}

	}

	static class AnswerRepository extends Repository<Answer> {

	}

}
