package dev.memoize.interceptor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Shows that synchronous batch methods need no Reactor: Memoize's classes are loaded by a
 * class loader to which Reactor does not exist, the calls work, and the class that
 * handles reactive batch methods is never loaded.
 */
class BatchWithoutReactorTests {

	@Test
	void synchronousBatchMethodsWorkAndLoadNoReactiveClassWhenReactorIsAbsent() throws Exception {
		ReactorHidingClassLoader loader = new ReactorHidingClassLoader(getClass().getClassLoader());
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> loader.loadClass("reactor.core.publisher.Flux"));
		@SuppressWarnings("unchecked")
		Callable<List<Object>> calls = (Callable<List<Object>>) loader.loadClass(BatchWithoutReactor.class.getName())
			.getConstructor()
			.newInstance();
		assertThat(calls.getClass().getClassLoader()).isSameAs(loader);
		List<Object> results = calls.call();
		assertThat(results).containsExactly(List.of("A", "B"), Map.of("a", 1, "ccc", 3), List.of("C", "A"),
				List.of(List.of("a", "b"), List.of("a", "ccc"), List.of("c")));
		assertThat(loader.hasLoaded(BatchInvocation.class.getName())).isTrue();
		assertThat(loader.hasLoaded(ReactiveBatchInvocation.class.getName())).isFalse();
	}

	/**
	 * Loads Memoize's classes itself, from the same class files as its parent, and finds
	 * no Reactor or Reactive Streams class; everything else comes from the parent.
	 */
	static final class ReactorHidingClassLoader extends ClassLoader {

		ReactorHidingClassLoader(ClassLoader parent) {
			super(parent);
		}

		boolean hasLoaded(String name) {
			return findLoadedClass(name) != null;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (isHidden(name)) {
				throw new ClassNotFoundException(name + " is hidden from this test");
			}
			if (!name.startsWith("dev.memoize.")) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null) {
					byte[] bytes = classFile(name);
					loaded = defineClass(name, bytes, 0, bytes.length);
				}
				if (resolve) {
					resolveClass(loaded);
				}
				return loaded;
			}
		}

		@Override
		public URL getResource(String name) {
			return isHidden(name.replace('/', '.')) ? null : super.getResource(name);
		}

		private byte[] classFile(String name) throws ClassNotFoundException {
			try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
				if (in == null) {
					throw new ClassNotFoundException(name);
				}
				return in.readAllBytes();
			}
			catch (IOException ex) {
				throw new ClassNotFoundException(name, ex);
			}
		}

		private static boolean isHidden(String name) {
			return name.startsWith("reactor.") || name.startsWith("org.reactivestreams.");
		}

	}

}
