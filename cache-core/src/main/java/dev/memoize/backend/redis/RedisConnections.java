package dev.memoize.backend.redis;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Creates the Lettuce connection factories of Redis caches that have their own
 * connections rather than the application's. Each factory is started and ready; it
 * connects on first use, so a server that is down at start-up does not fail it, and it
 * rejects commands while disconnected instead of queueing them, so a cache whose server
 * is down fails fast. The caller destroys it
 * ({@link LettuceConnectionFactory#destroy()}).
 */
public final class RedisConnections {

	private static final Pattern HOST_AND_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[^:\\s\\[\\]]+):[0-9]{1,5}");

	private RedisConnections() {
	}

	/**
	 * A factory for one Redis server, or a Sentinel-managed one.
	 * @param url a Redis URI: {@code redis://[user:password@]host[:port][/database]},
	 * {@code rediss://} for TLS, {@code redis-sentinel://}, or {@code redis-socket://}
	 * @param timeout longest wait for a connection or a command
	 * @return the started factory
	 * @throws IllegalArgumentException if the URL is not a Redis URI
	 */
	public static LettuceConnectionFactory standalone(String url, Duration timeout) {
		RedisURI uri = RedisURI.create(url);
		RedisConfiguration configuration = LettuceConnectionFactory.createRedisConfiguration(uri);
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.apply(uri)
			.commandTimeout(timeout)
			.clientOptions(ClientOptions.builder()
				.socketOptions(socketOptions(timeout))
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.build())
			.build();
		return started(new LettuceConnectionFactory(configuration, client));
	}

	/**
	 * A factory for a Redis Cluster. It learns the whole topology from the nodes it is
	 * given and follows changes (failovers, resharding) as the servers report them.
	 * @param nodes some nodes of the cluster, as {@code host:port}
	 * @param timeout longest wait for a connection or a command
	 * @return the started factory
	 * @throws IllegalArgumentException if the list is empty or a node is not
	 * {@code host:port}
	 */
	public static LettuceConnectionFactory cluster(List<String> nodes, Duration timeout) {
		if (nodes.isEmpty()) {
			throw new IllegalArgumentException("At least one cluster node is needed");
		}
		RedisClusterConfiguration configuration = new RedisClusterConfiguration();
		for (String node : nodes) {
			if (node == null || !HOST_AND_PORT.matcher(node.trim()).matches()) {
				throw new IllegalArgumentException("'" + node + "' is not host:port");
			}
			configuration.addClusterNode(RedisNode.fromString(node.trim()));
		}
		LettuceClientConfiguration client = LettuceClientConfiguration.builder()
			.commandTimeout(timeout)
			.clientOptions(ClusterClientOptions.builder()
				.socketOptions(socketOptions(timeout))
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.topologyRefreshOptions(
						ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers().build())
				.build())
			.build();
		return started(new LettuceConnectionFactory(configuration, client));
	}

	private static SocketOptions socketOptions(Duration timeout) {
		return SocketOptions.builder().connectTimeout(timeout).build();
	}

	private static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
