package dev.memoize;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class CacheEntryTest {

	private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

	private final CacheEntry entry = CacheEntry.of("k1", "demo#ask", Map.of("prompt", "hi"), "output",
			Map.of("purpose", "answer"), NOW, NOW.plus(Duration.ofMinutes(10)));

	@Test
	void value_isOutputWhenNotAnnotated() {
		assertThat(this.entry.annotated()).isFalse();
		assertThat(this.entry.value()).isEqualTo("output");
	}

	@Test
	void annotate_servesExpectedAndKeepsOutput() {
		CacheEntry annotated = this.entry.annotate("golden", Map.of());
		assertThat(annotated.annotated()).isTrue();
		assertThat(annotated.value()).isEqualTo("golden");
		assertThat(annotated.output()).isEqualTo("output");
		assertThat(this.entry.value()).isEqualTo("output");
	}

	@Test
	void annotate_withNullExpectedServesNull() {
		CacheEntry annotated = this.entry.annotate(null, null);
		assertThat(annotated.annotated()).isTrue();
		assertThat(annotated.value()).isNull();
	}

	@Test
	void annotate_mergesMetadataOverridingExistingNames() {
		CacheEntry annotated = this.entry.annotate("golden", Map.of("purpose", "golden", "reviewed", "yes"));
		assertThat(annotated.metadata()).isEqualTo(Map.of("purpose", "golden", "reviewed", "yes"));
		assertThat(this.entry.metadata()).isEqualTo(Map.of("purpose", "answer"));
	}

	@Test
	void annotate_keepsKeyFuncInputsAndTimes() {
		CacheEntry annotated = this.entry.annotate("golden", Map.of());
		assertThat(annotated.key()).isEqualTo("k1");
		assertThat(annotated.func()).isEqualTo("demo#ask");
		assertThat(annotated.inputs()).isEqualTo(Map.of("prompt", "hi"));
		assertThat(annotated.createdAt()).isEqualTo(NOW);
		assertThat(annotated.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
	}

	@Test
	void withOutput_replacesOutputAndKeepsAnnotation() {
		CacheEntry annotated = this.entry.annotate("golden", Map.of()).withOutput("new output");
		assertThat(annotated.output()).isEqualTo("new output");
		assertThat(annotated.value()).isEqualTo("golden");
		assertThat(this.entry.withOutput("new output").value()).isEqualTo("new output");
	}

	@Test
	void constructor_dropsExpectedOfEntryThatIsNotAnnotated() {
		CacheEntry unannotated = new CacheEntry("k", "f", Map.of(), "out", "ignored", false, Map.of(), NOW, null);
		assertThat(unannotated.expected()).isNull();
		assertThat(unannotated.value()).isEqualTo("out");
	}

	@Test
	void constructor_copiesMapsSoLaterChangesDoNotLeakIn() {
		Map<String, Object> inputs = new HashMap<>(Map.of("a", 1));
		Map<String, String> metadata = new HashMap<>(Map.of("m", "1"));
		CacheEntry copy = CacheEntry.of("k", "f", inputs, "out", metadata, NOW, null);
		inputs.put("b", 2);
		metadata.put("n", "2");
		assertThat(copy.inputs()).isEqualTo(Map.of("a", 1));
		assertThat(copy.metadata()).isEqualTo(Map.of("m", "1"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> copy.metadata().put("x", "y"));
	}

	@Test
	void constructor_defaultsMissingMapsToEmpty() {
		CacheEntry bare = CacheEntry.of("k", "f", null, "out", null, NOW, null);
		assertThat(bare.inputs()).isEmpty();
		assertThat(bare.metadata()).isEmpty();
	}

	@Test
	void constructor_requiresKeyFuncAndCreatedAt() {
		assertThatNullPointerException().isThrownBy(() -> CacheEntry.of(null, "f", Map.of(), 1, Map.of(), NOW, null));
		assertThatNullPointerException().isThrownBy(() -> CacheEntry.of("k", null, Map.of(), 1, Map.of(), NOW, null));
		assertThatNullPointerException().isThrownBy(() -> CacheEntry.of("k", "f", Map.of(), 1, Map.of(), null, null));
	}

	@Test
	void isExpired_isFalseBeforeExpiresAt() {
		assertThat(this.entry.isExpired(NOW.plus(Duration.ofMinutes(10)).minusNanos(1))).isFalse();
	}

	@Test
	void isExpired_isTrueAtAndAfterExpiresAt() {
		assertThat(this.entry.isExpired(NOW.plus(Duration.ofMinutes(10)))).isTrue();
		assertThat(this.entry.isExpired(NOW.plus(Duration.ofDays(1)))).isTrue();
	}

	@Test
	void isExpired_isNeverTrueWithoutExpiresAt() {
		CacheEntry forever = CacheEntry.of("k", "f", Map.of(), "out", Map.of(), NOW, null);
		assertThat(forever.isExpired(Instant.MAX)).isFalse();
	}

}
