package dev.memoize.benchmarks.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.memoize.CacheEntry;
import dev.memoize.MemoCacheManager;
import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.support.DefaultMemoCache;

/**
 * Measures the heap held per entry by three caches filled with the same N calls of two
 * string arguments returning a {@value Answers#ANSWER_LENGTH}-character string: Memoize's
 * default {@code memory} cache through a {@code @Memoize} bean, the Caffeine cache of a
 * {@code CaffeineCacheManager} through a {@code @Cacheable} bean, and a plain
 * {@code Cache<String, String>} keyed by both arguments joined. All three hold the same
 * argument and result strings, and have the same maximum size (twice N, so nothing is
 * evicted).
 *
 * <p>
 * Run it with {@code java -cp benchmarks/target/benchmarks.jar
 * dev.memoize.benchmarks.footprint.EntryFootprint [N] [report file]}; N defaults to
 * {@value #DEFAULT_ENTRIES}; the report is printed and, when a file is given, written to
 * it.
 */
public final class EntryFootprint {

	/** Entries filled when no count is given. */
	public static final int DEFAULT_ENTRIES = 10_000;

	private static final List<String> MODELS = List.of("gpt-4o-mini", "claude-sonnet", "llama-3-70b");

	private EntryFootprint() {
	}

	public static void main(String[] args) throws IOException {
		int entries = (args.length > 0) ? Integer.parseInt(args[0]) : DEFAULT_ENTRIES;
		String report = report(measure(entries));
		System.out.print(report);
		if (args.length > 1) {
			Files.writeString(Path.of(args[1]), report);
		}
	}

	/**
	 * Fills the three caches with the same calls and measures them.
	 * @param entries how many distinct calls, at least 1
	 * @return the footprints of Memoize, of Spring's Caffeine cache and of the plain
	 * Caffeine cache, in this order
	 */
	public static List<Footprint> measure(int entries) {
		if (entries < 1) {
			throw new IllegalArgumentException("entries must be at least 1, was " + entries);
		}
		Cache<String, String> plain = Caffeine.newBuilder().maximumSize(2L * entries).build();
		try (ConfigurableApplicationContext context = start(entries)) {
			Answers memoized = context.getBean(MemoizedAnswers.class);
			Answers cacheable = context.getBean(CacheableAnswers.class);
			for (int i = 0; i < entries; i++) {
				String prompt = "Summarize document number " + i + " for a product manager";
				String model = MODELS.get(i % MODELS.size());
				memoized.answer(prompt, model);
				cacheable.answer(prompt, model);
				plain.get(prompt + '\n' + model, (key) -> Answers.compute(prompt, model));
			}
			if (memoized.calls() != entries || cacheable.calls() != entries || plain.estimatedSize() != entries) {
				throw new IllegalStateException("Each cache must hold every call: @Memoize ran " + memoized.calls()
						+ " times, @Cacheable " + cacheable.calls() + ", the plain cache holds " + plain.estimatedSize()
						+ " of " + entries);
			}
			DefaultMemoCache memoCache = (DefaultMemoCache) context.getBean(MemoCacheManager.class).cache("default");
			Cache<String, CacheEntry> memoize = CaffeineInternals.cache(memoCache.backend());
			@SuppressWarnings("unchecked")
			Cache<Object, Object> spring = (Cache<Object, Object>) ((CaffeineCache) context
				.getBean(CaffeineCacheManager.class)
				.getCache(CacheableAnswers.CACHE)).getNativeCache();
			return List.of(memoize(memoize, entries), spring(spring, entries), plain(plain, entries));
		}
	}

	private static ConfigurableApplicationContext start(int entries) {
		return new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", "memoize.caches.default.type=memory",
					"memoize.caches.default.memory.max-entries=" + (2L * entries), "footprint.max-entries=" + entries)
			.run();
	}

	private static Footprint memoize(Cache<String, CacheEntry> cache, int entries) {
		Map<String, CacheEntry> map = cache.asMap();
		List<Object> inputValues = new ArrayList<>();
		map.values().forEach((entry) -> inputValues.addAll(entry.inputs().values()));
		return new Breakdown().part("key: SHA-256 hex string", map.keySet())
			.part("input values (argument strings)", inputValues)
			.part("output (result string)", values(map, CacheEntry::output))
			.part("inputs map (parameter names shared per method)", values(map, CacheEntry::inputs))
			.part("createdAt and expiresAt (Instant)",
					both(values(map, CacheEntry::createdAt), values(map, CacheEntry::expiresAt)))
			.part("metadata map", values(map, CacheEntry::metadata))
			.part("func string", values(map, CacheEntry::func))
			.part("CacheEntry record", map.values())
			.table("Memoize memory (@Memoize)", entries, CaffeineInternals.table(cache),
					"Caffeine node (expiring) and table slot");
	}

	private static Footprint spring(Cache<Object, Object> cache, int entries) {
		Map<Object, Object> map = cache.asMap();
		return new Breakdown().part("key: SimpleKey with its argument strings", map.keySet())
			.part("value (result string)", map.values())
			.table("Caffeine via CaffeineCacheManager (@Cacheable)", entries, CaffeineInternals.table(cache),
					"Caffeine node and table slot");
	}

	private static Footprint plain(Cache<String, String> cache, int entries) {
		Map<String, String> map = cache.asMap();
		return new Breakdown().part("key: joined arguments string", map.keySet())
			.part("value (result string)", map.values())
			.table("plain Caffeine Cache<String, String>", entries, CaffeineInternals.table(cache),
					"Caffeine node and table slot");
	}

	private static <T> List<Object> values(Map<String, CacheEntry> map, Function<CacheEntry, T> part) {
		return map.values().stream().map(part).filter(Objects::nonNull).map(Object.class::cast).toList();
	}

	private static List<Object> both(List<Object> first, List<Object> second) {
		List<Object> both = new ArrayList<>(first);
		both.addAll(second);
		return both;
	}

	/**
	 * Formats the footprints as a plain-text report: bytes per entry, the ratio of
	 * Memoize to each Caffeine cache, and each cache's parts.
	 * @param footprints the footprints of {@link #measure(int)}
	 * @return the report
	 */
	public static String report(List<Footprint> footprints) {
		StringBuilder report = new StringBuilder();
		Footprint memoize = footprints.get(0);
		report.append(String.format(Locale.ROOT, "Heap per entry, %d entries, JOL (%s)%n", memoize.entries(),
				System.getProperty("java.vm.version")));
		for (Footprint footprint : footprints) {
			report.append(String.format(Locale.ROOT, "%-50s %8.1f bytes/entry   Memoize / this = %.2f%n",
					footprint.name(), footprint.bytesPerEntry(), memoize.bytesPerEntry() / footprint.bytesPerEntry()));
		}
		for (Footprint footprint : footprints) {
			report.append(String.format(Locale.ROOT, "%n%s%n", footprint.name()));
			for (Footprint.Part part : footprint.parts()) {
				report.append(String.format(Locale.ROOT, "  %-48s %8.1f bytes/entry%n", part.name(),
						(double) part.bytes() / footprint.entries()));
			}
		}
		return report.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching(proxyTargetClass = true)
	@ImportAutoConfiguration(MemoizeAutoConfiguration.class)
	static class Config {

		@Bean
		MemoizedAnswers memoizedAnswers() {
			return new MemoizedAnswers();
		}

		@Bean
		CacheableAnswers cacheableAnswers() {
			return new CacheableAnswers();
		}

		@Bean
		CaffeineCacheManager cacheManager(Environment environment) {
			CaffeineCacheManager manager = new CaffeineCacheManager(CacheableAnswers.CACHE);
			long maxEntries = 2L * environment.getRequiredProperty("footprint.max-entries", Long.class);
			manager.setCaffeine(Caffeine.newBuilder().maximumSize(maxEntries));
			return manager;
		}

	}

}
