package dev.memoize.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code disk} backend type, available when RocksDB ({@code org.rocksdb:rocksdbjni})
 * is on the class path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.rocksdb.RocksDB")
class DiskBackendConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DiskBackendFactory diskBackendFactory() {
		return new DiskBackendFactory();
	}

}
