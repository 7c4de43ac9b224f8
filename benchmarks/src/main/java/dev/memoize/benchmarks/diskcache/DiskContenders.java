package dev.memoize.benchmarks.diskcache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.cache.Caching;

import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.core.config.DefaultConfiguration;
import org.ehcache.impl.config.persistence.DefaultPersistenceConfiguration;
import org.ehcache.jsr107.Eh107Configuration;
import org.ehcache.jsr107.EhcacheCachingProvider;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;

import dev.memoize.autoconfigure.MemoizeAutoConfiguration;

/**
 * One Spring context, started the way an application starts, with every
 * {@link Contender}: {@code @Memoize} beans on a {@code disk} cache and on a memory cache
 * layered over it, and two {@code @Cacheable} beans on a {@link JCacheCacheManager} over
 * Ehcache with a persistent disk tier, all stored under one new temporary directory that
 * {@link #close()} deletes. Not thread-safe; create and close it from one thread.
 */
final class DiskContenders implements AutoCloseable {

	/**
	 * Most bytes each store may hold, far above what a run writes, so nothing is evicted.
	 */
	static final long STORE_BYTES = 16L * 1024 * 1024 * 1024;

	private final Path directory;

	private final javax.cache.CacheManager ehcache;

	private final ConfigurableApplicationContext context;

	DiskContenders() {
		try {
			this.directory = Files.createTempDirectory("memoize-disk-vs-ehcache-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.ehcache = ehcache(this.directory.resolve("ehcache"));
		this.context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.initializers((context) -> context.getBeanFactory().registerSingleton("ehcache", this.ehcache))
			.properties("spring.main.banner-mode=off", "logging.level.root=warn",
					"memoize.caches." + MemoizedDocuments.CACHE + ".type=disk",
					"memoize.caches." + MemoizedDocuments.CACHE + ".disk.directory="
							+ this.directory.resolve("memoize"),
					"memoize.caches." + MemoizedDocuments.CACHE + ".disk.size-limit=" + STORE_BYTES + "B",
					"memoize.caches." + LayeredMemoizedDocuments.HEAP_LAYER + ".type=memory",
					"memoize.caches." + LayeredMemoizedDocuments.HEAP_LAYER + ".memory.max-entries="
							+ (Content.ENTRIES * 2L),
					"memoize.caches." + LayeredMemoizedDocuments.CACHE + ".type=layered",
					"memoize.caches." + LayeredMemoizedDocuments.CACHE + ".layered.layers="
							+ LayeredMemoizedDocuments.HEAP_LAYER + "," + MemoizedDocuments.CACHE)
			.run();
	}

	/**
	 * Opens an Ehcache cache manager persisting under a directory, with the caches of
	 * both Ehcache contenders: texts and summaries in separate caches, so that texts use
	 * Ehcache's own string serializer and only summaries use Java serialization.
	 */
	private static javax.cache.CacheManager ehcache(Path directory) {
		EhcacheCachingProvider provider = (EhcacheCachingProvider) Caching
			.getCachingProvider(EhcacheCachingProvider.class.getName());
		DefaultConfiguration configuration = new DefaultConfiguration(provider.getDefaultClassLoader(),
				new DefaultPersistenceConfiguration(directory.toFile()));
		URI uri = directory.toUri();
		javax.cache.CacheManager manager = provider.getCacheManager(uri, configuration);
		ResourcePoolsBuilder tiered = ResourcePoolsBuilder.newResourcePoolsBuilder()
			.heap(Content.ENTRIES * 2L, EntryUnit.ENTRIES)
			.disk(STORE_BYTES / (1024 * 1024), MemoryUnit.MB, true);
		ResourcePoolsBuilder diskOnly = ResourcePoolsBuilder.newResourcePoolsBuilder()
			.disk(STORE_BYTES / (1024 * 1024), MemoryUnit.MB, true);
		manager.createCache(TieredEhcacheDocuments.TEXTS, Eh107Configuration.fromEhcacheCacheConfiguration(
				CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, String.class, tiered)));
		manager.createCache(TieredEhcacheDocuments.SUMMARIES, Eh107Configuration.fromEhcacheCacheConfiguration(
				CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, Summary.class, tiered)));
		manager.createCache(DiskOnlyEhcacheDocuments.TEXTS, Eh107Configuration.fromEhcacheCacheConfiguration(
				CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, String.class, diskOnly)));
		manager.createCache(DiskOnlyEhcacheDocuments.SUMMARIES, Eh107Configuration.fromEhcacheCacheConfiguration(
				CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, Summary.class, diskOnly)));
		return manager;
	}

	/**
	 * The cached service of one contender.
	 * @param contender the contender
	 * @return its bean, called through its caching proxy
	 */
	Documents documents(Contender contender) {
		return this.context.getBean(contender.beanType());
	}

	@Override
	public void close() {
		try {
			this.context.close();
			this.ehcache.close();
		}
		finally {
			try {
				FileSystemUtils.deleteRecursively(this.directory);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching(proxyTargetClass = true)
	@ImportAutoConfiguration(MemoizeAutoConfiguration.class)
	static class Config {

		@Bean
		MemoizedDocuments memoizedDocuments() {
			return new MemoizedDocuments();
		}

		@Bean
		LayeredMemoizedDocuments layeredMemoizedDocuments() {
			return new LayeredMemoizedDocuments();
		}

		@Bean
		TieredEhcacheDocuments tieredEhcacheDocuments() {
			return new TieredEhcacheDocuments();
		}

		@Bean
		DiskOnlyEhcacheDocuments diskOnlyEhcacheDocuments() {
			return new DiskOnlyEhcacheDocuments();
		}

		@Bean
		JCacheCacheManager cacheManager(javax.cache.CacheManager ehcache) {
			return new JCacheCacheManager(ehcache);
		}

	}

}
