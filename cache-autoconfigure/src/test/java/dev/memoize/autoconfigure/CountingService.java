package dev.memoize.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.memoize.Memoize;

/**
 * A bean with a memoized method on the default cache that counts how often it runs.
 */
public class CountingService {

	private final AtomicInteger calls = new AtomicInteger();

	@Memoize
	public String greet(String name) {
		this.calls.incrementAndGet();
		return "hello " + name;
	}

	/**
	 * How often {@link #greet} ran; not memoized, so a proxy passes it to the target.
	 * @return the run count
	 */
	public int calls() {
		return this.calls.get();
	}

	/**
	 * Registers a {@link CountingService}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Config {

		@Bean
		CountingService countingService() {
			return new CountingService();
		}

	}

}
