package dev.memoize.autoconfigure.endpoint;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.support.DefaultMemoCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

class MemoizeEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MemoizeAutoConfiguration.class, MemoizeEndpointAutoConfiguration.class));

	@Test
	void endpointIsRegisteredWhenExposed() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=memoize", "memoize.caches.llm.type=noop")
			.run((context) -> {
				assertThat(context).hasSingleBean(MemoizeEndpoint.class);
				MemoizeEndpoint endpoint = context.getBean(MemoizeEndpoint.class);
				assertThat(endpoint.caches().caches().get("llm").type()).isEqualTo("noop");
				assertThat(endpoint.caches().caches().get("default").type()).isEqualTo("memory");
			});
	}

	@Test
	void endpointIsAbsentWhenNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(MemoizeEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenItsAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=memoize",
					"management.endpoint.memoize.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(MemoizeEndpoint.class));
	}

	@Test
	void aUserDefinedEndpointWins() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=memoize")
			.withBean("custom", MemoizeEndpoint.class,
					() -> new MemoizeEndpoint(new DefaultMemoCacheManager(List.of()), Map.of()))
			.run((context) -> assertThat(context).getBean(MemoizeEndpoint.class).isSameAs(context.getBean("custom")));
	}

}
