package dev.memoize.autoconfigure.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Forwards the TCP connections it accepts on a port of 127.0.0.1 to a server, and can cut
 * them all and refuse new ones, then accept again on the same port: an outage of a shared
 * server (PostgreSQL) that the test cannot stop itself. Hand-written because the proxies
 * made for this (Toxiproxy) need a container engine, which the tests do not require.
 */
final class TcpForwarder implements AutoCloseable {

	private final String targetHost;

	private final int targetPort;

	private final List<Socket> sockets = new ArrayList<>();

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
	static TcpForwarder start(String host, int port) throws IOException {
		TcpForwarder forwarder = new TcpForwarder(host, port);
		forwarder.listen(0);
		return forwarder;
	}

	/**
	 * The port it accepts connections on.
	 * @return the port
	 */
	int port() {
		return this.port;
	}

	/**
	 * Accepts connections again on the same port, after {@link #cut()}.
	 * @throws IOException if the port cannot be bound
	 */
	void resume() throws IOException {
		listen(this.port);
	}

	/**
	 * Closes every forwarded connection and refuses new ones.
	 */
	synchronized void cut() {
		closeQuietly(this.server);
		this.sockets.forEach(TcpForwarder::closeQuietly);
		this.sockets.clear();
	}

	@Override
	public void close() {
		cut();
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
				Socket target = new Socket(this.targetHost, this.targetPort);
				if (!track(server, client, target)) {
					return;
				}
				daemon("up", () -> pump(client, target));
				daemon("down", () -> pump(target, client));
			}
			catch (IOException ex) {
				// the server socket was closed by cut(), or the target refused
			}
		}
	}

	private synchronized boolean track(ServerSocket server, Socket client, Socket target) {
		if (server.isClosed()) {
			closeQuietly(client);
			closeQuietly(target);
			return false;
		}
		this.sockets.add(client);
		this.sockets.add(target);
		return true;
	}

	private static void pump(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side was closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
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

}
