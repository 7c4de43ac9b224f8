package dev.memoize.autoconfigure;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.MemoCacheManager;
import dev.memoize.testing.LocalRedisCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of a {@code redis} cache on a Redis Cluster, set with
 * {@code memoize.caches.<name>.redis.cluster-nodes}, against a three-master cluster the
 * class starts on spare local ports.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RedisClusterBackendConfigurationTests {

	@RegisterExtension
	static final LocalRedisCluster cluster = new LocalRedisCluster();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withUserConfiguration(CountingService.Config.class);

	@Test
	void clusterNodesConnectTheCacheToTheClusterAndEntriesAreReadBackAfterARestart() {
		ApplicationContextRunner onCluster = this.runner.withPropertyValues("memoize.default-cache=shared",
				"memoize.caches.shared.type=redis",
				"memoize.caches.shared.redis.cluster-nodes=" + cluster.nodes().get(0),
				"memoize.caches.shared.redis.key-prefix=memoize-test:" + UUID.randomUUID() + ":");
		onCluster.run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			for (int i = 0; i < 30; i++) {
				service.greet("user" + i);
			}
			assertThat(service.calls()).isEqualTo(30);
			assertThat(context.getBean(MemoCacheManager.class).cache("shared").size()).isEqualTo(30);
		});
		onCluster.run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			for (int i = 0; i < 30; i++) {
				assertThat(service.greet("user" + i)).isEqualTo("hello user" + i);
			}
			assertThat(service.calls()).isZero();
		});
	}

}
