package dev.memoize.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that awkward arguments go through a real {@code @Memoize} bean on every storing
 * backend and come back as hits: 10 MiB arguments, {@code null} arguments and
 * {@code null} elements (keyed apart from the text "null" and from an absent input), and
 * text with control characters, line separators, emoji, right-to-left marks and other
 * Unicode, in inputs, outputs and annotation metadata, read back exactly.
 */
class AwkwardInputsOnEveryBackendTests {

	private static final int MEBIBYTES_10 = 10 * 1024 * 1024;

	/**
	 * Text that must round-trip exactly and be keyed apart: control characters,
	 * separators, emoji and other astral characters, bidirectional marks, combining
	 * characters, noncharacters, and lone surrogates (not valid Unicode, but a Java
	 * string may hold them: keys write them as JSON unicode escapes, so they are keyed
	 * apart from each other and from "?", which UTF-8 would turn them into).
	 */
	static final List<String> UNICODE = List.of("nul\u0000inside", "\u0000", "\u0001\u0002\u001f\u007f",
			"line\u2028separator\u2029paragraph",
			"emoji \uD83D\uDE00 skin \uD83D\uDC4D\uD83C\uDFFD family "
					+ "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
			"\u202Eright-to-left override\u202C", "\u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD",
			"e\u0301 combining", "\uFEFFbyte order mark", "tab\tnew\nline\rfeed\f", "quote\" backslash\\ slash/",
			"\u0080\u009f C1 controls", "\uFFFE\uFFFF noncharacters", "\uD800\uDC00 first astral", "", " ", "null",
			"\\u0000 escaped text", "\uD800", "\uDBFF", "\uDC00 low", "a\uD83Dz", "\uDE00\uD83D reversed pair", "?",
			"\uFFFD");

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withBean(InputsService.class);

	@AfterAll
	static void dropTables() {
		EveryBackend.dropTables();
	}

	private void run(EveryBackend backend, Scenario scenario) {
		this.runner.withPropertyValues(backend.properties(this.directory)).run((context) -> {
			assertThat(context).hasNotFailed();
			MemoCache cache = context.getBean(MemoCacheManager.class).cache("x");
			try {
				scenario.run(context.getBean(InputsService.class), cache, context);
			}
			finally {
				cache.clear();
			}
		});
	}

	@ParameterizedTest
	@EnumSource(EveryBackend.class)
	void tenMebibyteArgumentsAreStoredAndServedAsHits(EveryBackend backend) {
		String text = "0123456789abcdef".repeat(MEBIBYTES_10 / 16);
		String otherText = text.substring(0, text.length() - 1) + "!";
		byte[] bytes = new byte[MEBIBYTES_10];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 31);
		}
		List<String> list = new ArrayList<>();
		for (int i = 0; i < 10 * 1024; i++) {
			list.add(String.format("%-1024d", i));
		}
		run(backend, (service, cache, context) -> {
			assertHit(service, () -> service.describeText(text));
			assertHit(service, () -> service.describeBytes(bytes));
			assertHit(service, () -> service.describeList(list));
			int before = service.calls();
			assertThat(service.describeText(otherText)).isNotEqualTo(service.describeText(text));
			assertThat(service.calls()).as("a different last character is another key").isEqualTo(before + 1);
			assertThat(cache.size()).isEqualTo(4);
		});
	}

	/**
	 * Calls twice: the first runs the method, the second is a hit with an equal result.
	 */
	private static void assertHit(InputsService service, Supplier<String> call) {
		int before = service.calls();
		String first = call.get();
		assertThat(service.calls()).as("first call runs the method").isEqualTo(before + 1);
		assertThat(call.get()).as("second call is served from the cache").isEqualTo(first);
		assertThat(service.calls()).as("second call does not run the method").isEqualTo(before + 1);
	}

	@ParameterizedTest
	@EnumSource(EveryBackend.class)
	void nullArgumentsAreKeyedApartFromTheTextNullAndServedAsHits(EveryBackend backend) {
		List<Supplier<String>> calls = List.of(() -> pair(null, "b"), () -> pair("null", "b"), () -> pair(null, null),
				() -> pair("null", "null"), () -> pair(null, "null"), () -> pair("null", null), () -> items("a", null),
				() -> items("a", "null"), () -> items("a"), () -> items(null, "a"), () -> items((String) null),
				() -> items(), () -> items("null"));
		run(backend, (service, cache, context) -> {
			this.service = service;
			List<String> first = calls.stream().map(Supplier::get).toList();
			assertThat(service.calls()).as("every call is its own key").isEqualTo(calls.size());
			assertThat(calls.stream().map(Supplier::get).toList()).isEqualTo(first);
			assertThat(service.calls()).as("every second call is a hit").isEqualTo(calls.size());
			assertThat(cache.size()).isEqualTo(calls.size());
			assertThat(service.echo(null)).isNull();
			assertThat(service.echo("null")).isEqualTo("null");
			assertThat(service.echo(null)).isNull();
			assertThat(service.calls()).isEqualTo(calls.size() + 2);
		});
	}

	private InputsService service;

	private String pair(String first, String second) {
		return this.service.pair(first, second);
	}

	private String items(String... items) {
		return this.service.items(Arrays.asList(items));
	}

	@ParameterizedTest
	@EnumSource(EveryBackend.class)
	void nullInputIsKeyedApartFromAnAbsentInput(EveryBackend backend) {
		Map<String, Object> withNull = new HashMap<>();
		withNull.put("a", null);
		run(backend, (service, cache, context) -> {
			assertThat(cache.key("f", withNull).key()).isNotEqualTo(cache.key("f", Map.of()).key())
				.isNotEqualTo(cache.key("f", Map.of("a", "null")).key());
			cache.put("f", Map.of(), "absent");
			assertThat(cache.get("f", withNull)).isEmpty();
			cache.put("f", withNull, "null input");
			assertThat(cache.get("f", Map.of()).orElseThrow().value()).isEqualTo("absent");
			assertThat(cache.get("f", withNull).orElseThrow().value()).isEqualTo("null input");
			assertThat(cache.get("f", Map.of("a", "null"))).isEmpty();
		});
	}

	@ParameterizedTest
	@EnumSource(EveryBackend.class)
	void unicodeAndControlCharactersRoundTripInInputsAndOutputs(EveryBackend backend) {
		run(backend, (service, cache, context) -> {
			for (String text : UNICODE) {
				assertHit(service, () -> service.echo(text));
				assertThat(service.echo(text)).isEqualTo(text);
			}
			assertThat(cache.size()).as("every text is its own key").isEqualTo(UNICODE.size());
			try (Stream<CacheEntry> entries = cache.entries(EntryFilter.byFunc("inputs.echo"))) {
				List<CacheEntry> stored = entries.toList();
				assertThat(stored).extracting((entry) -> entry.inputs().get("value"))
					.containsExactlyInAnyOrderElementsOf(UNICODE);
				for (CacheEntry entry : stored) {
					assertThat(entry.output()).isEqualTo(entry.inputs().get("value"));
					assertThat(cache.key("inputs.echo", entry.inputs()).key())
						.as("the key computed from the inputs read back is the stored key")
						.isEqualTo(entry.key());
				}
			}
			for (String text : UNICODE) {
				CacheEntry entry = cache.get("inputs.echo", Map.of("value", text)).orElseThrow();
				assertThat(entry.inputs()).containsExactly(Map.entry("value", text));
				assertThat(entry.value()).isEqualTo(text);
			}
		});
	}

	@ParameterizedTest
	@EnumSource(EveryBackend.class)
	void unicodeAndControlCharactersRoundTripInAnnotationMetadata(EveryBackend backend) {
		run(backend, (service, cache, context) -> {
			assertHit(service, () -> service.annotated("v"));
			CacheEntry entry = cache.get("inputs.annotated", Map.of("value", "v")).orElseThrow();
			assertThat(entry.metadata()).containsEntry("note", InputsService.NOTE)
				.containsEntry(InputsService.NOTE_NAME, InputsService.NOTE);
			try (Stream<CacheEntry> entries = cache
				.entries(EntryFilter.byAnnotation(InputsService.NOTE_NAME, InputsService.NOTE))) {
				assertThat(entries).extracting(CacheEntry::key).containsExactly(entry.key());
			}
		});
	}

	/**
	 * What runs against the cache {@code x} of one backend.
	 */
	@FunctionalInterface
	interface Scenario {

		void run(InputsService service, MemoCache cache, AssertableApplicationContext context);

	}

}
