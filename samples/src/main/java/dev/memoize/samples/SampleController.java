package dev.memoize.samples;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.memoize.CacheStats;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCacheManager;

/**
 * HTTP endpoints that call memoized methods and show the caches.
 */
@RestController
class SampleController {

	private final LlmClient llm;

	private final FibonacciService fibonacci;

	private final MemoCacheManager caches;

	SampleController(LlmClient llm, FibonacciService fibonacci, MemoCacheManager caches) {
		this.llm = llm;
		this.fibonacci = fibonacci;
		this.caches = caches;
	}

	@GetMapping("/ask")
	Answer ask(@RequestParam String prompt, @RequestParam(defaultValue = "demo-model") String model) {
		return this.llm.ask(prompt, model, UUID.randomUUID().toString());
	}

	@GetMapping("/fib/{n}")
	Map<String, Object> fib(@PathVariable int n) {
		BigInteger value = this.fibonacci.fib(n);
		return Map.of("n", n, "value", value.toString());
	}

	@GetMapping("/calls")
	Map<String, Integer> calls() {
		return Map.of("llm", this.llm.calls(), "fibonacci", this.fibonacci.calls());
	}

	@GetMapping("/caches")
	Map<String, CacheStats> caches() {
		Map<String, CacheStats> stats = new LinkedHashMap<>();
		for (String name : this.caches.names()) {
			stats.put(name, this.caches.cache(name).stats());
		}
		return stats;
	}

	@GetMapping("/caches/{name}/entries")
	List<Map<String, Object>> entries(@PathVariable String name, @RequestParam(required = false) String func) {
		return this.caches.cache(name)
			.entries(new EntryFilter(func, null, null))
			.limit(100)
			.map((entry) -> Map.<String, Object>of("key", entry.key(), "func", entry.func(), "inputs", entry.inputs(),
					"metadata", entry.metadata(), "createdAt", entry.createdAt().toString()))
			.toList();
	}

}
