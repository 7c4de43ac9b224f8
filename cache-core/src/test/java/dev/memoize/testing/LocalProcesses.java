package dev.memoize.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code redis-server} processes of one fixture and their temporary directory, all
 * removed on {@link #close()}, or when the JVM exits should a test run be cut short.
 */
final class LocalProcesses implements AutoCloseable {

	private final String name;

	private final List<RedisProcess> processes = new ArrayList<>();

	private Path directory;

	private Thread shutdownHook;

	LocalProcesses(String name) {
		this.name = name;
	}

	synchronized Path directory() {
		if (this.directory == null) {
			try {
				this.directory = Files.createTempDirectory(this.name);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.shutdownHook = new Thread(this::close);
			Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		}
		return this.directory;
	}

	synchronized RedisProcess start(String... arguments) {
		RedisProcess process = RedisProcess.start(directory(), arguments);
		this.processes.add(process);
		return process;
	}

	synchronized List<RedisProcess> all() {
		return List.copyOf(this.processes);
	}

	@Override
	public synchronized void close() {
		this.processes.forEach(RedisProcess::close);
		this.processes.clear();
		if (this.directory != null) {
			delete(this.directory);
			this.directory = null;
		}
		if (this.shutdownHook != null && Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// the JVM is shutting down already
			}
		}
		this.shutdownHook = null;
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
