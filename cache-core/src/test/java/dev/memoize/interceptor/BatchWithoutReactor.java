package dev.memoize.interceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;

/**
 * Calls synchronous batch methods through a memoizing proxy;
 * {@link BatchWithoutReactorTests} runs it in a class loader that hides Reactor. Answers
 * what the calls returned, then the collections the methods were given.
 */
public class BatchWithoutReactor implements Callable<List<Object>> {

	@Override
	public List<Object> call() throws Exception {
		try (BatchFixture fixture = new BatchFixture((context) -> MemoryBackends.create(100, Eviction.LRU, context))) {
			BatchService target = new BatchService();
			BatchService service = fixture.proxy(target);
			List<String> first = service.upper(List.of("a", "b"));
			Map<String, Integer> lengths = service.lengths(List.of("a", "ccc"));
			List<String> second = service.upper(List.of("c", "a"));
			List<Object> given = new ArrayList<>();
			target.calls.forEach((collection) -> given.add(new ArrayList<>(collection)));
			return List.of(first, lengths, second, given);
		}
	}

}
