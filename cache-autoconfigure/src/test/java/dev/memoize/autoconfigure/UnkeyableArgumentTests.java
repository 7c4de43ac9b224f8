package dev.memoize.autoconfigure;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.MemoCacheManager;
import dev.memoize.MemoizeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Tests that a call whose argument cannot be turned into JSON fails with a
 * {@link MemoizeException} naming the method and the parameter and saying how to fix it,
 * without running the method and without storing anything under some other key.
 */
class UnkeyableArgumentTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withBean(InputsService.class)
		.withPropertyValues("memoize.caches.x.type=memory");

	static Stream<Arguments> unkeyable() {
		SelfReferencing self = new SelfReferencing();
		self.self = self;
		Node first = new Node("first");
		Node second = new Node("second");
		first.next = second;
		second.next = first;
		Supplier<String> lambda = () -> "answer";
		return Stream.of(argumentSet("an object with no properties", new Object()),
				argumentSet("a class with no properties", new NoProperties()),
				argumentSet("an object that references itself", self),
				argumentSet("two objects that reference each other", first), argumentSet("a lambda", lambda),
				argumentSet("a property that throws", new ThrowingProperty()));
	}

	@ParameterizedTest
	@MethodSource("unkeyable")
	void argumentThatCannotBecomeJsonFailsTheCallNamingMethodAndParameter(Object argument) {
		this.runner.run((context) -> {
			InputsService service = context.getBean(InputsService.class);
			assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> service.keyOf(argument))
				.withMessageContaining("dev.memoize.autoconfigure.InputsService#keyOf(Object)")
				.withMessageContaining("parameter 'subject'")
				.withMessageContaining("cannot be turned into JSON")
				.withMessageContaining("@Memoize(exclude = \"subject\")");
			assertThat(service.calls()).as("the method did not run").isZero();
			assertThat(context.getBean(MemoCacheManager.class).cache("x").size()).as("nothing was stored").isZero();
		});
	}

	/**
	 * A type with no properties.
	 */
	static class NoProperties {

	}

	/**
	 * A type whose one property is itself.
	 */
	public static class SelfReferencing {

		SelfReferencing self;

		public SelfReferencing getSelf() {
			return this.self;
		}

	}

	/**
	 * A node of a cycle.
	 */
	public static class Node {

		private final String name;

		Node next;

		Node(String name) {
			this.name = name;
		}

		public String getName() {
			return this.name;
		}

		public Node getNext() {
			return this.next;
		}

	}

	/**
	 * A type whose property cannot be read.
	 */
	public static class ThrowingProperty {

		public String getValue() {
			throw new IllegalStateException("not readable");
		}

	}

}
