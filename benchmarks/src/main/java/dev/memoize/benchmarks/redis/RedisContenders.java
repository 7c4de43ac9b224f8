package dev.memoize.benchmarks.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

import dev.memoize.MemoCacheManager;
import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.benchmarks.remote.CacheableLookups;
import dev.memoize.benchmarks.remote.MemoizedLookups;
import dev.memoize.benchmarks.remote.Servers;

/**
 * The contenders of one run against the real Redis, in one Spring context started the way
 * an application starts: a {@code @Memoize} bean whose cache is of type {@code redis}
 * with its own url, a {@code @Cacheable} bean served by a {@link RedisCacheManager} built
 * as Spring Boot builds it for {@code spring.cache.type=redis} (JDK serialization of
 * values, string keys, no time to live, non-locking writer) on the application's Lettuce
 * connection factory, and a raw Lettuce connection for the floor. Each contender writes
 * under a key prefix of its own, unique to this instance; {@link #clear()} and
 * {@link #close()} delete everything under both prefixes. Not thread-safe; create and
 * close it from one thread.
 */
final class RedisContenders implements AutoCloseable {

	private final String run = "memoize-bench:" + UUID.randomUUID() + ":";

	/** Prefix of the keys of the Memoize cache. */
	final String memoizePrefix = this.run + "memoize:";

	/** Prefix of the keys of the Spring cache. */
	final String springPrefix = this.run + "spring:";

	private final ConfigurableApplicationContext context;

	private final RedisClient client;

	final MemoizedLookups memoized;

	final CacheableLookups cacheable;

	/** A raw connection with byte-array keys and values, for the floor. */
	final StatefulRedisConnection<byte[], byte[]> lettuce;

	RedisContenders() {
		String url = Servers.redisUrl();
		this.context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn",
					"memoize.caches." + MemoizedLookups.CACHE + ".type=redis",
					"memoize.caches." + MemoizedLookups.CACHE + ".redis.url=" + url,
					"memoize.caches." + MemoizedLookups.CACHE + ".redis.key-prefix=" + this.memoizePrefix,
					"bench.redis.url=" + url, "bench.redis.spring-prefix=" + this.springPrefix)
			.run();
		this.memoized = this.context.getBean(MemoizedLookups.class);
		this.cacheable = this.context.getBean(CacheableLookups.class);
		this.client = RedisClient.create(url);
		this.lettuce = this.client.connect(ByteArrayCodec.INSTANCE);
	}

	/**
	 * The Redis keys the Memoize cache wrote.
	 * @return the keys, in no particular order
	 */
	List<byte[]> memoizeKeys() {
		return keysUnder(this.memoizePrefix);
	}

	/**
	 * Deletes every key of both caches and forgets nothing else.
	 */
	void clear() {
		RedisCommands<byte[], byte[]> commands = this.lettuce.sync();
		for (String prefix : List.of(this.memoizePrefix, this.springPrefix)) {
			List<byte[]> keys = keysUnder(prefix);
			for (int from = 0; from < keys.size(); from += 1000) {
				commands.unlink(keys.subList(from, Math.min(keys.size(), from + 1000)).toArray(byte[][]::new));
			}
		}
	}

	private List<byte[]> keysUnder(String prefix) {
		RedisCommands<byte[], byte[]> commands = this.lettuce.sync();
		ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(1000);
		List<byte[]> keys = new ArrayList<>();
		KeyScanCursor<byte[]> cursor = commands.scan(match);
		keys.addAll(cursor.getKeys());
		while (!cursor.isFinished()) {
			cursor = commands.scan(ScanCursor.of(cursor.getCursor()), match);
			keys.addAll(cursor.getKeys());
		}
		return keys;
	}

	/**
	 * What the Memoize cache tells of itself.
	 * @return its statistics, as text
	 */
	String memoizeState() {
		return "Memoize cache " + this.context.getBean(MemoCacheManager.class).cache(MemoizedLookups.CACHE).stats();
	}

	@Override
	public void close() {
		try {
			clear();
		}
		finally {
			this.lettuce.close();
			this.client.shutdown();
			this.context.close();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@ImportAutoConfiguration(MemoizeAutoConfiguration.class)
	static class Config {

		@Bean
		MemoizedLookups memoizedLookups() {
			return new MemoizedLookups();
		}

		@Bean
		CacheableLookups cacheableLookups() {
			return new CacheableLookups();
		}

		@Bean
		LettuceConnectionFactory redisConnectionFactory(@Value("${bench.redis.url}") String url) {
			return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url));
		}

		@Bean
		CacheManager cacheManager(RedisConnectionFactory connections,
				@Value("${bench.redis.spring-prefix}") String prefix) {
			RedisCacheConfiguration defaults = RedisCacheConfiguration.defaultCacheConfig()
				.serializeValuesWith(SerializationPair
					.fromSerializer(new JdkSerializationRedisSerializer(RedisContenders.class.getClassLoader())))
				.prefixCacheNameWith(prefix);
			return RedisCacheManager.builder(connections).cacheDefaults(defaults).build();
		}

	}

}
