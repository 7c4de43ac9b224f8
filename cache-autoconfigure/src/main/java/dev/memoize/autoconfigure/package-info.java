/**
 * Spring Boot auto-configuration of Memoize: properties, one configuration per backend
 * type, and the advisor that memoizes {@code @Memoize} methods.
 */
package dev.memoize.autoconfigure;
