package dev.memoize.autoconfigure;

import java.io.Serializable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.codec.EncodedValue;
import dev.memoize.codec.ValueCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code memoize.codec.*}.
 */
class CodecPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class));

	@Test
	void valuesAreJsonByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(ValueCodec.class).encode(new Point(1, 2)).format())
			.isEqualTo(EncodedValue.JSON));
	}

	@Test
	void allowListedTypesAreWrittenWithJavaSerialization() {
		this.runner.withPropertyValues("memoize.codec.java-serialization=" + Point.class.getName())
			.run((context) -> assertThat(context.getBean(ValueCodec.class).encode(new Point(1, 2)).format())
				.isEqualTo(EncodedValue.JAVA));
	}

	@Test
	void malformedJavaSerializationPatternFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.codec.java-serialization[0]=!com.acme.*").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure()))
				.contains("memoize.codec.java-serialization")
				.contains("!com.acme.*");
		});
	}

	/**
	 * A serializable value.
	 *
	 * @param x the abscissa
	 * @param y the ordinate
	 */
	record Point(int x, int y) implements Serializable {
	}

}
