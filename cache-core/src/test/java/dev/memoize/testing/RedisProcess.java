package dev.memoize.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server} process that a test starts on a spare port of 127.0.0.1 and
 * stops afterwards, with no persistence. {@code redis-server} and {@code redis-cli} must
 * be on the {@code PATH}: without them the test fails, it is not skipped.
 */
public final class RedisProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);

	private static final int ATTEMPTS = 5;

	private final Process process;

	private final int port;

	private final Path log;

	private final Path directory;

	private final String[] arguments;

	private RedisProcess(Process process, int port, Path log, Path directory, String[] arguments) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.directory = directory;
		this.arguments = arguments;
	}

	/**
	 * Starts a server and waits until it answers {@code PING}.
	 * @param directory where the server keeps its files and its log
	 * @param arguments more {@code redis-server} arguments; {@code {port}} in one is
	 * replaced by the port
	 * @return the running server
	 * @throws IllegalStateException if it cannot be started
	 */
	public static RedisProcess start(Path directory, String... arguments) {
		IllegalStateException failure = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			RedisProcess server = launch(directory, sparePort(), arguments);
			try {
				server.awaitPing();
				return server;
			}
			catch (IllegalStateException ex) {
				server.close();
				failure = ex;
			}
		}
		throw failure;
	}

	/**
	 * Starts a new server on this server's port, with the same arguments, as a restart of
	 * this one once it is {@link #close() closed}; waits until it answers {@code PING}.
	 * The caller closes the new server.
	 * @return the running server
	 * @throws IllegalStateException if it cannot be started
	 */
	public RedisProcess startAgain() {
		RedisProcess server = launch(this.directory, this.port, this.arguments);
		try {
			server.awaitPing();
			return server;
		}
		catch (IllegalStateException ex) {
			server.close();
			throw ex;
		}
	}

	private static RedisProcess launch(Path directory, int port, String[] arguments) {
		Path log = directory.resolve("redis-" + port + ".log");
		List<String> command = new ArrayList<>(
				List.of("redis-server", "--bind", "127.0.0.1", "--port", String.valueOf(port), "--dir",
						directory.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no"));
		for (String argument : arguments) {
			command.add(argument.replace("{port}", String.valueOf(port)));
		}
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			return new RedisProcess(process, port, log, directory, arguments);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run redis-server, which the Redis tests need: install it "
					+ "(apt-get install redis-server redis-tools) so that it is on the PATH", ex);
		}
	}

	/**
	 * A port that is free on 127.0.0.1, as is the port 10000 above it that Redis Cluster
	 * uses for its bus; below the ephemeral range, so outgoing connections do not take it
	 * meanwhile.
	 */
	private static int sparePort() {
		for (int i = 0; i < 100; i++) {
			int port = ThreadLocalRandom.current().nextInt(10_000, 22_000);
			if (free(port) && free(port + 10_000)) {
				return port;
			}
		}
		throw new IllegalStateException("No spare port for redis-server");
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void awaitPing() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server on port " + this.port + " exited: " + logText());
			}
			if (cli("ping").trim().equals("PONG")) {
				return;
			}
			pause();
		}
		throw new IllegalStateException("redis-server on port " + this.port + " did not answer in time: " + logText());
	}

	/**
	 * The port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The server as {@code 127.0.0.1:port}.
	 * @return the address
	 */
	public String address() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * The URL of the server.
	 * @return {@code redis://127.0.0.1:port}
	 */
	public String url() {
		return "redis://" + address();
	}

	/**
	 * Runs {@code redis-cli} against this server.
	 * @param arguments the command and its arguments
	 * @return what it printed, errors included
	 */
	public String cli(String... arguments) {
		List<String> command = new ArrayList<>(
				List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(this.port)));
		command.addAll(List.of(arguments));
		return run(command);
	}

	/**
	 * Runs a command, {@code redis-cli} say, and waits for it.
	 * @param command the command
	 * @return what it printed, errors included
	 * @throws IllegalStateException if it cannot be run or does not finish in time
	 */
	static String run(List<String> command) {
		try {
			Path output = Files.createTempFile("redis-cli", ".out");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(CLI_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException("Timed out: " + command);
				}
				return Files.readString(output, StandardCharsets.UTF_8);
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command.get(0) + ", which the Redis tests need: install "
					+ "it (apt-get install redis-server redis-tools) so that it is on the PATH", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + command, ex);
		}
	}

	static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private String logText() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "(no log)";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops the server and waits for it to exit.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
