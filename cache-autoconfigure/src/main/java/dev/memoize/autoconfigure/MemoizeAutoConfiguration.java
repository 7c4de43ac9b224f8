package dev.memoize.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import dev.memoize.MemoCacheManager;
import dev.memoize.MemoizeListener;
import dev.memoize.codec.DefaultValueCodec;
import dev.memoize.codec.JavaSerializationCodec;
import dev.memoize.codec.JsonValueCodec;
import dev.memoize.codec.ValueCodec;
import dev.memoize.key.KeyGenerator;
import dev.memoize.key.Sha256KeyGenerator;
import dev.memoize.support.DefaultMemoCacheManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of Memoize: the caches of {@code memoize.caches}, the key generator
 * and codec, and the advisor that memoizes {@code @Memoize} methods. With no
 * configuration at all, {@code @Memoize} methods use an in-memory cache named
 * {@code default}.
 */
@AutoConfiguration
@EnableConfigurationProperties(MemoizeProperties.class)
@Import({ MemoizeProxyConfiguration.class, MemoryBackendConfiguration.class, NoopBackendConfiguration.class,
		CallbackBackendConfiguration.class, DiskBackendConfiguration.class, FileBackendConfiguration.class,
		JdbcBackendConfiguration.class, RedisBackendConfiguration.class, LayeredBackendConfiguration.class })
public class MemoizeAutoConfiguration {

	/** Name of the clock bean that decides creation and expiry times. */
	public static final String CLOCK_BEAN = "memoizeClock";

	/**
	 * The mapper that turns inputs into keys and values into JSON. Memoize keeps its own,
	 * so the application's Jackson settings cannot change keys.
	 */
	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Bean(CLOCK_BEAN)
	@ConditionalOnMissingBean(name = CLOCK_BEAN)
	Clock memoizeClock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	KeyGenerator memoizeKeyGenerator(MemoizeProperties properties, Environment environment) {
		MemoizeProperties.Key key = properties.getKey();
		if (key.getVersion() == null || key.getVersion().isBlank()) {
			throw PropertyErrors.invalid("key.version", key.getVersion(), "must not be empty");
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String name : key.getIncludeProperties()) {
			String value = environment.getProperty(name);
			if (value == null) {
				throw PropertyErrors.invalid("key.include-properties", name,
						"property '" + name + "' is not set, so it cannot be part of keys");
			}
			values.put(name, value);
		}
		return new Sha256KeyGenerator(MAPPER, key.getVersion(), values);
	}

	@Bean
	@ConditionalOnMissingBean
	ValueCodec memoizeValueCodec(MemoizeProperties properties) {
		List<String> allowList = properties.getCodec().getJavaSerialization();
		for (String entry : allowList) {
			String problem = AllowListPatterns.problem(entry);
			if (problem != null) {
				throw PropertyErrors.invalid("codec.java-serialization", allowList, problem);
			}
		}
		try {
			return new DefaultValueCodec(new JsonValueCodec(MAPPER), new JavaSerializationCodec(allowList));
		}
		catch (IllegalArgumentException ex) {
			throw PropertyErrors.invalid("codec.java-serialization", allowList, ex.getMessage());
		}
	}

	/**
	 * The caches. Created after the application's database initializers (its Flyway or
	 * Liquibase migrations, its schema scripts) have run, so that a {@code jdbc} cache
	 * creating its table in the application's database cannot make the application's own
	 * Flyway find a schema it did not expect.
	 */
	@Bean
	@ConditionalOnMissingBean(MemoCacheManager.class)
	@DependsOnDatabaseInitialization
	DefaultMemoCacheManager memoCacheManager(MemoizeProperties properties,
			ObjectProvider<CacheBackendFactory> factories, KeyGenerator keyGenerator, ValueCodec codec,
			@Qualifier(CLOCK_BEAN) Clock clock, ObjectProvider<MemoizeListener> listeners) {
		return new MemoCacheManagerFactory(properties, factories.orderedStream().toList(), keyGenerator, codec, clock,
				listeners.orderedStream().toList())
			.create();
	}

}
