package dev.memoize.interceptor;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.memoize.MemoizeException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that a class compiled without {@code -parameters} is rejected with advice, since
 * keys are built from parameter names. The class is compiled here, without the flag.
 */
class MissingParameterNamesTests {

	private static final String SOURCE = """
			package compiled;

			public class Quotes {

				@dev.memoize.Memoize
				public String quote(String symbol) {
					return symbol;
				}

			}
			""";

	@Test
	void methodCompiledWithoutParameterNamesIsRejectedWithAdvice(@TempDir Path directory) throws Exception {
		Class<?> quotes = compileWithoutParameterNames(directory);
		assertThat(quotes.getMethod("quote", String.class).getParameters()[0].isNamePresent()).isFalse();
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> new MemoizeOperationSource().operation(quotes.getMethod("quote", String.class), quotes))
			.withMessageContaining("compiled.Quotes.quote(String)")
			.withMessageContaining("compile with -parameters");
	}

	private static Class<?> compileWithoutParameterNames(Path directory)
			throws IOException, ReflectiveOperationException {
		Path source = directory.resolve("compiled/Quotes.java");
		Files.createDirectories(source.getParent());
		Files.writeString(source, SOURCE);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		List<String> arguments = List.of("-classpath", System.getProperty("java.class.path"), "-d",
				directory.toString(), source.toString());
		int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
		assertThat(status).as("javac exit status").isZero();
		URLClassLoader loader = new URLClassLoader(new URL[] { directory.toUri().toURL() },
				MissingParameterNamesTests.class.getClassLoader());
		return loader.loadClass("compiled.Quotes");
	}

}
