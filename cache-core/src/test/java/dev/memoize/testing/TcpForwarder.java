package dev.memoize.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy between a client and a server that a test controls, to make outages of a
 * shared server (PostgreSQL, MariaDB, Redis) that the test must never stop itself. It
 * listens on a spare port of 127.0.0.1 and is in one of three states:
 * <ul>
 * <li>{@link #forward() forwarding}: every connection it accepts is joined to a new
 * connection to the server, bytes flow both ways;</li>
 * <li>{@link #cut() cut}: every connection is closed and new ones are refused, as when
 * the server is stopped;</li>
 * <li>{@link #hang() hung}: connections stay open and new ones are accepted, but no byte
 * is forwarded either way, as when the server or the network stalls.</li>
 * </ul>
 * Going back to forwarding closes the connections of a hang, whose protocol state is
 * lost, and listens again on the same port after a cut. Hand-written because the proxies
 * made for this (Toxiproxy) need a container engine, which the tests do not require.
 * Thread-safe.
 */
public final class TcpForwarder implements AutoCloseable {

	private enum State {

		FORWARDING, CUT, HUNG

	}

	private static final Duration REBIND_TIMEOUT = Duration.ofSeconds(10);

	private final String targetHost;

	private final int targetPort;

	private final List<Link> links = new ArrayList<>();

	private State state = State.FORWARDING;

	private ServerSocket server;

	private int port;

	private TcpForwarder(String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
	}

	/**
	 * Starts forwarding from a spare port to a server.
	 * @param host the server's host
	 * @param port the server's port
	 * @return the running forwarder
	 * @throws IOException if no port can be bound
	 */
	public static TcpForwarder start(String host, int port) throws IOException {
		TcpForwarder forwarder = new TcpForwarder(host, port);
		forwarder.listen(0);
		return forwarder;
	}

	/**
	 * Starts forwarding to the server of a URL such as
	 * {@code jdbc:postgresql://host:port/db} or {@code redis://host:port}.
	 * @param url the server's URL, with or without a {@code jdbc:} prefix
	 * @return the running forwarder
	 * @throws IOException if no port can be bound
	 */
	public static TcpForwarder startFor(String url) throws IOException {
		URI server = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
		return start(server.getHost(), server.getPort());
	}

	/**
	 * The same URL as the one given, with the host and port of this forwarder instead of
	 * the server's.
	 * @param url the server's URL, with or without a {@code jdbc:} prefix
	 * @return the URL through this forwarder
	 */
	public String urlFor(String url) {
		String prefix = url.startsWith("jdbc:") ? "jdbc:" : "";
		URI server = URI.create(url.substring(prefix.length()));
		String userInfo = (server.getRawUserInfo() != null) ? server.getRawUserInfo() + "@" : "";
		String path = (server.getRawPath() != null) ? server.getRawPath() : "";
		String query = (server.getRawQuery() != null) ? "?" + server.getRawQuery() : "";
		return prefix + server.getScheme() + "://" + userInfo + "127.0.0.1:" + this.port + path + query;
	}

	/**
	 * The port it accepts connections on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Forwards again, after {@link #cut()} or {@link #hang()}: listens again on the same
	 * port after a cut, closes the connections of a hang. Does nothing when forwarding.
	 * @throws IOException if the port cannot be bound again
	 */
	public synchronized void forward() throws IOException {
		if (this.state == State.CUT) {
			listenAgain();
		}
		else if (this.state == State.HUNG) {
			closeLinks();
		}
		this.state = State.FORWARDING;
	}

	/**
	 * Binds the port again, trying for a while: a connection of another program may hold
	 * it for a moment as its local port.
	 */
	private void listenAgain() throws IOException {
		long deadline = System.nanoTime() + REBIND_TIMEOUT.toNanos();
		while (true) {
			try {
				listen(this.port);
				return;
			}
			catch (BindException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/**
	 * Closes every connection and refuses new ones.
	 */
	public synchronized void cut() {
		this.state = State.CUT;
		closeQuietly(this.server);
		closeLinks();
	}

	/**
	 * Keeps every connection open and accepts new ones, but forwards nothing more either
	 * way: what clients send is read and dropped, and they get no answer.
	 */
	public synchronized void hang() {
		if (this.state == State.CUT) {
			throw new IllegalStateException("forward() before hang(): the forwarder does not listen after a cut");
		}
		this.state = State.HUNG;
		this.links.forEach(Link::hang);
	}

	@Override
	public synchronized void close() {
		cut();
	}

	private void closeLinks() {
		this.links.forEach(Link::close);
		this.links.clear();
	}

	private synchronized void listen(int port) throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		this.server = server;
		this.port = server.getLocalPort();
		daemon("accept", () -> accept(server));
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Link link = new Link(client);
				if (register(server, link)) {
					link.start();
				}
			}
			catch (IOException ex) {
				// the server socket was closed by cut(), or the target refused
			}
		}
	}

	private synchronized boolean register(ServerSocket server, Link link) throws IOException {
		if (server.isClosed()) {
			link.close();
			return false;
		}
		if (this.state == State.HUNG) {
			link.hang();
		}
		else {
			link.connect(this.targetHost, this.targetPort);
		}
		this.links.add(link);
		return true;
	}

	private static void daemon(String name, Runnable work) {
		Thread thread = new Thread(work, "tcp-forwarder-" + name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (Exception ex) {
			// already closed
		}
	}

	/**
	 * One accepted connection and, unless it was accepted while hung, its connection to
	 * the server.
	 */
	private static final class Link {

		private final Socket client;

		private volatile Socket target;

		private volatile boolean hung;

		Link(Socket client) {
			this.client = client;
		}

		void connect(String host, int port) throws IOException {
			try {
				this.target = new Socket(host, port);
			}
			catch (IOException ex) {
				closeQuietly(this.client);
				throw ex;
			}
		}

		void start() {
			daemon("up", () -> pump(this.client, this.target));
			if (this.target != null) {
				daemon("down", () -> pump(this.target, this.client));
			}
		}

		void hang() {
			this.hung = true;
		}

		void close() {
			closeQuietly(this.client);
			closeQuietly(this.target);
		}

		private void pump(Socket from, Socket to) {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream()) {
				OutputStream out = (to != null) ? to.getOutputStream() : null;
				int read;
				while ((read = in.read(buffer)) >= 0) {
					if (!this.hung && out != null) {
						out.write(buffer, 0, read);
						out.flush();
					}
				}
			}
			catch (IOException ex) {
				// one side was closed
			}
			finally {
				if (!this.hung) {
					close();
				}
			}
		}

	}

}
