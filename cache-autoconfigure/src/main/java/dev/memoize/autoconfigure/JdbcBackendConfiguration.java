package dev.memoize.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code jdbc} backend type, available when Spring JDBC, HikariCP and Flyway are on
 * the class path ({@code spring-boot-starter-jdbc} and {@code flyway-core}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "org.springframework.jdbc.core.JdbcTemplate", "com.zaxxer.hikari.HikariDataSource",
		"org.flywaydb.core.Flyway" })
class JdbcBackendConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JdbcBackendFactory jdbcBackendFactory(ObjectProvider<DataSource> dataSources) {
		return new JdbcBackendFactory(dataSources);
	}

}
