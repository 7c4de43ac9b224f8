package dev.memoize.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Checks the Redis URLs and cluster nodes of the configuration before connections are
 * made from them, so that a malformed one fails start-up with a message saying what form
 * is expected, instead of a parser's message or a connection to an unintended server.
 */
final class RedisUrls {

	static final String URL_FORM = "redis://[user:password@]host[:port][/db], rediss://... for TLS, "
			+ "redis-sentinel://... or redis-socket://...";

	private static final List<String> SCHEMES = List.of("redis", "rediss", "redis-sentinel", "redis-socket");

	private RedisUrls() {
	}

	/**
	 * What is wrong with a Redis URL.
	 * @param url the URL
	 * @return the reason it is unusable, or {@code null} when it looks right
	 */
	static String problem(String url) {
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			return "is not a URL (" + ex.getMessage() + "); use " + URL_FORM;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (scheme == null || !SCHEMES.contains(scheme)) {
			return "is not a Redis URL; use " + URL_FORM;
		}
		if ((scheme.equals("redis") || scheme.equals("rediss")) && uri.getHost() == null) {
			return "has no host, or a port that is not a number; use " + URL_FORM;
		}
		if (uri.getPort() == 0 || uri.getPort() > 65535) {
			return "has port " + uri.getPort() + "; a port is 1 to 65535";
		}
		return null;
	}

	/**
	 * What is wrong with a cluster node.
	 * @param node the node, {@code host:port}
	 * @return the reason it is unusable, or {@code null} when it looks right
	 */
	static String nodeProblem(String node) {
		String trimmed = (node != null) ? node.trim() : "";
		int colon = trimmed.lastIndexOf(':');
		if (colon <= 0 || colon == trimmed.length() - 1) {
			return "'" + node + "' is not host:port";
		}
		try {
			int port = Integer.parseInt(trimmed.substring(colon + 1));
			return (port >= 1 && port <= 65535) ? null : "'" + node + "' has port " + port + "; a port is 1 to 65535";
		}
		catch (NumberFormatException ex) {
			return "'" + node + "' is not host:port; the port is not a number";
		}
	}

}
