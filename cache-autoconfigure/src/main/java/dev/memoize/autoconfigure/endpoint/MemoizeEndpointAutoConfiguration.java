package dev.memoize.autoconfigure.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.memoize.MemoCacheManager;
import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.autoconfigure.MemoizeProperties;

/**
 * Auto-configuration of the {@code memoize} Actuator endpoint. Applies when Spring Boot
 * Actuator is on the class path and the endpoint is available (its access is not
 * {@code none} and it is exposed, for example with
 * {@code management.endpoints.web.exposure.include=memoize}).
 */
@AutoConfiguration(after = MemoizeAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(MemoizeEndpoint.class)
public class MemoizeEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(MemoCacheManager.class)
	MemoizeEndpoint memoizeEndpoint(MemoCacheManager manager, ObjectProvider<MemoizeProperties> properties) {
		Map<String, String> types = new LinkedHashMap<>();
		properties.ifAvailable(
				(configured) -> configured.getCaches().forEach((name, cache) -> types.put(name, cache.getType())));
		return new MemoizeEndpoint(manager, types);
	}

}
