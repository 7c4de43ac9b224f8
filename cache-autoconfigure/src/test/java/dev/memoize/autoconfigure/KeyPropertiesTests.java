package dev.memoize.autoconfigure;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.MemoCacheManager;
import dev.memoize.key.KeyGenerator;
import dev.memoize.key.Sha256KeyGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@code memoize.key.*}: the version and the included properties are part of
 * every key.
 */
class KeyPropertiesTests {

	private static final String FUNC = "com.acme.LlmService#ask(String)";

	private static final Map<String, Object> INPUTS = Map.of("prompt", "why");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class));

	private String key(String... properties) {
		AtomicReference<String> key = new AtomicReference<>();
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			key.set(context.getBean(MemoCacheManager.class).cache("default").key(FUNC, INPUTS).key());
		});
		return key.get();
	}

	@Test
	void sameConfigurationGivesTheSameKeyInEveryContext() {
		assertThat(key()).isEqualTo(key()).hasSize(64);
	}

	@Test
	void versionChangesTheKey() {
		assertThat(key("memoize.key.version=2")).isNotEqualTo(key());
	}

	@Test
	void defaultVersionIsOne() {
		assertThat(key("memoize.key.version=1")).isEqualTo(key());
	}

	@Test
	void includedPropertyValueChangesTheKey() {
		String modelA = key("memoize.key.include-properties=app.llm.model", "app.llm.model=model-a");
		String modelB = key("memoize.key.include-properties=app.llm.model", "app.llm.model=model-b");
		assertThat(modelA).isNotEqualTo(modelB);
		assertThat(modelA).isNotEqualTo(key());
	}

	@Test
	void propertyThatIsNotIncludedDoesNotChangeTheKey() {
		assertThat(key("app.llm.model=model-a")).isEqualTo(key("app.llm.model=model-b")).isEqualTo(key());
	}

	@Test
	void includedPropertiesReachTheKeyGenerator() {
		this.runner
			.withPropertyValues("memoize.key.include-properties=app.llm.model,app.llm.temperature",
					"app.llm.model=model-a", "app.llm.temperature=0.2")
			.run((context) -> assertThat(((Sha256KeyGenerator) context.getBean(KeyGenerator.class)).properties())
				.containsExactly(Map.entry("app.llm.model", "model-a"), Map.entry("app.llm.temperature", "0.2")));
	}

	@Test
	void includedPropertyThatIsNotSetFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.key.include-properties=app.llm.model").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains("memoize.key.include-properties")
				.contains("'app.llm.model' is not set");
		});
	}

	@Test
	void blankVersionFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("memoize.key.version=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailures.messages(context.getStartupFailure())).contains("memoize.key.version")
				.contains("must not be empty");
		});
	}

}
