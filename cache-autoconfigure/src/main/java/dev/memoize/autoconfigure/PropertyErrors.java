package dev.memoize.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Builds the start-up errors for bad property values, each naming the full property.
 */
final class PropertyErrors {

	private PropertyErrors() {
	}

	static InvalidConfigurationPropertyValueException invalid(String property, Object value, String reason) {
		return new InvalidConfigurationPropertyValueException("memoize." + property, value, reason);
	}

	static InvalidConfigurationPropertyValueException invalid(String cache, String property, Object value,
			String reason) {
		return invalid("caches." + cache + "." + property, value, reason);
	}

}
