package dev.memoize.samples;

import java.math.BigInteger;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import dev.memoize.EntryFilter;
import dev.memoize.MemoCacheManager;

/**
 * Shows, on start, memoized calls cold then warm with their timings, and what
 * {@code exclude} and {@code annotation} do.
 */
@Component
class DemoRunner implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoRunner.class);

	private final LlmClient llm;

	private final FibonacciService fibonacci;

	private final MemoCacheManager caches;

	DemoRunner(LlmClient llm, FibonacciService fibonacci, MemoCacheManager caches) {
		this.llm = llm;
		this.fibonacci = fibonacci;
		this.caches = caches;
	}

	@Override
	public void run(ApplicationArguments args) {
		String prompt = "What is memoization?";
		timed("LLM cold   ", () -> this.llm.ask(prompt, "demo-model", UUID.randomUUID().toString()));
		timed("LLM warm   ", () -> this.llm.ask(prompt, "demo-model", UUID.randomUUID().toString()));
		logger.info("  exclude: the request id differs on each call, yet the model ran {} time(s)", this.llm.calls());

		int before = this.fibonacci.calls();
		BigInteger value = timed("fib(90) cold", () -> this.fibonacci.fib(90));
		int steps = this.fibonacci.calls() - before;
		timed("fib(90) warm", () -> this.fibonacci.fib(90));
		logger.info("  fib(90) = {} in {} steps instead of ~10^18", value, steps);

		this.caches.cache("llm")
			.entries(EntryFilter.byAnnotation("purpose", "answer"))
			.forEach((entry) -> logger.info("  annotation: entry {}… of {} carries {}", entry.key().substring(0, 12),
					entry.func(), entry.metadata()));
	}

	private static <T> T timed(String label, Supplier<T> call) {
		long start = System.nanoTime();
		T result = call.get();
		logger.info("{} {} ms", label, String.format("%8.3f", (System.nanoTime() - start) / 1e6));
		return result;
	}

}
