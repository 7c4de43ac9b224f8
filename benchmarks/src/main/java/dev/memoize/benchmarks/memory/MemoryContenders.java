package dev.memoize.benchmarks.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.memoize.autoconfigure.MemoizeAutoConfiguration;

/**
 * The three contenders of one run, each bounded to {@link Work#MAX_ENTRIES} entries: a
 * {@code @Memoize} bean and a {@code @Cacheable} bean in one Spring context started the
 * way an application starts, and a plain Caffeine cache. Not thread-safe; create and
 * close it from one thread.
 */
final class MemoryContenders implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	final MemoizedLookup memoized;

	final CacheableLookup cacheable;

	final Cache<String, String> caffeine = Caffeine.newBuilder().maximumSize(Work.MAX_ENTRIES).build();

	MemoryContenders() {
		this.context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", "memoize.caches.default.type=memory",
					"memoize.caches.default.memory.max-entries=" + Work.MAX_ENTRIES)
			.run();
		this.memoized = this.context.getBean(MemoizedLookup.class);
		this.cacheable = this.context.getBean(CacheableLookup.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@ImportAutoConfiguration(MemoizeAutoConfiguration.class)
	static class Config {

		@Bean
		MemoizedLookup memoizedLookup() {
			return new MemoizedLookup();
		}

		@Bean
		CacheableLookup cacheableLookup() {
			return new CacheableLookup();
		}

		@Bean
		CacheManager cacheManager() {
			CaffeineCacheManager manager = new CaffeineCacheManager(CacheableLookup.CACHE);
			manager.setCaffeine(Caffeine.newBuilder().maximumSize(Work.MAX_ENTRIES));
			return manager;
		}

	}

}
