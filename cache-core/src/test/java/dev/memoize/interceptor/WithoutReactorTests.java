package dev.memoize.interceptor;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that Memoize works in an application without Reactor:
 * {@link WithoutReactorScenario} runs in a class loader that has this module's test class
 * path less Reactor, so any Reactor class the engine touched would fail to load.
 */
class WithoutReactorTests {

	@Test
	void synchronousAndFutureMethodsAreMemoizedWithoutReactor() throws Exception {
		try (URLClassLoader loader = new URLClassLoader(classPathWithoutReactor(),
				ClassLoader.getPlatformClassLoader())) {
			@SuppressWarnings("unchecked")
			Callable<List<String>> scenario = (Callable<List<String>>) loader
				.loadClass(WithoutReactorScenario.class.getName())
				.getDeclaredConstructor()
				.newInstance();
			List<String> seen = scenario.call();
			assertThat(seen).containsSequence("Reactor absent", "memory calls 2", "persistent calls 1");
			assertThat(seen.get(3)).startsWith("read on memoize-blocking-").doesNotContain("main");
		}
	}

	private static URL[] classPathWithoutReactor() throws Exception {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<URL> urls = new ArrayList<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			String name = Path.of(entry).getFileName().toString();
			if (!entry.isEmpty() && !name.startsWith("reactor-") && !name.startsWith("blockhound")) {
				urls.add(Path.of(entry).toUri().toURL());
			}
		}
		return urls.toArray(URL[]::new);
	}

}
