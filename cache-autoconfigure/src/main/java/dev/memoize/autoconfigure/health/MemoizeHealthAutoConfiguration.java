package dev.memoize.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;
import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.autoconfigure.MemoizeProperties;
import dev.memoize.backend.HealthCheckedBackend;
import dev.memoize.support.DefaultMemoCache;

/**
 * Auto-configuration of the {@code memoize} health contributor: one
 * {@link MemoCacheHealthIndicator} per cache whose backend is a
 * {@link HealthCheckedBackend} (the {@code redis} and {@code jdbc} types), named after
 * the cache. A cache DOWN makes {@code memoize} DOWN, and so the application's health.
 * Caches in the heap, on local disk or nowhere have no indicator; with none of the other
 * kind, {@code memoize} has no members and is left out of the health answer.
 * {@code management.health.memoize.enabled=false} turns it off.
 */
@AutoConfiguration(after = MemoizeAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration")
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(MemoCacheManager.class)
@ConditionalOnEnabledHealthIndicator("memoize")
public class MemoizeHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "memoizeHealthContributor")
	CompositeHealthContributor memoizeHealthContributor(MemoCacheManager manager, MemoizeProperties properties) {
		Map<String, MemoCacheHealthIndicator> indicators = new LinkedHashMap<>();
		for (String name : manager.names()) {
			MemoCache cache = manager.cache(name);
			if (cache instanceof DefaultMemoCache memoCache
					&& memoCache.backend() instanceof HealthCheckedBackend backend) {
				indicators.put(name, new MemoCacheHealthIndicator(name, type(properties, name), backend));
			}
		}
		return CompositeHealthContributor.fromMap(indicators);
	}

	private static String type(MemoizeProperties properties, String cacheName) {
		MemoizeProperties.Cache cache = properties.getCaches().get(cacheName);
		return (cache != null && cache.getType() != null) ? cache.getType().trim() : "unknown";
	}

}
