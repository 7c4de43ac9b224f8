package dev.memoize.benchmarks.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.cache.interceptor.SimpleKeyGenerator;

import dev.memoize.key.MemoKey;
import dev.memoize.key.Sha256KeyGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key of one call for typical arguments: Memoize's {@link Sha256KeyGenerator} (JSON
 * tree, canonical JSON, SHA-256, as {@code @Memoize} computes it on every call) against
 * Spring's {@link SimpleKeyGenerator} plus the key's {@code hashCode}, which a Caffeine
 * lookup computes on every call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class KeyBenchmark {

	private final Sha256KeyGenerator memoize = new Sha256KeyGenerator(JsonMapper.builder().build(), "1", Map.of());

	private final String prompt = "Summarize the following text in three sentences for a product manager.";

	private final String model = "gpt-4o-mini";

	private final Order order = Order.sample();

	private final List<String> items = items();

	private final Map<String, Object> twoStringsInputs = inputs("prompt", this.prompt, "model", this.model);

	private final Map<String, Object> recordInputs = inputs("order", this.order);

	private final Map<String, Object> listInputs = inputs("items", this.items);

	private static List<String> items() {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			items.add("item-" + i);
		}
		return List.copyOf(items);
	}

	private static Map<String, Object> inputs(Object... namesAndValues) {
		Map<String, Object> inputs = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			inputs.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return inputs;
	}

	@Benchmark
	public MemoKey memoizeTwoStrings() {
		return this.memoize.generate("com.acme.Llm#ask(String,String)", this.twoStringsInputs);
	}

	@Benchmark
	public MemoKey memoizeRecord20Fields() {
		return this.memoize.generate("com.acme.Orders#price(Order)", this.recordInputs);
	}

	@Benchmark
	public MemoKey memoizeList1000() {
		return this.memoize.generate("com.acme.Catalog#rank(List)", this.listInputs);
	}

	@Benchmark
	public int springTwoStrings() {
		return SimpleKeyGenerator.generateKey(this.prompt, this.model).hashCode();
	}

	@Benchmark
	public int springRecord20Fields() {
		return SimpleKeyGenerator.generateKey(this.order).hashCode();
	}

	@Benchmark
	public int springList1000() {
		return SimpleKeyGenerator.generateKey(this.items).hashCode();
	}

}
