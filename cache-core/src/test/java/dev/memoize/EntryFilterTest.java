package dev.memoize;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntryFilterTest {

	private final CacheEntry entry = CacheEntry.of("abc123", "demo#ask", Map.of(), "v",
			Map.of("team", "search", "purpose", "answer"), Instant.EPOCH, null);

	@Test
	void all_matchesEveryEntry() {
		assertThat(EntryFilter.ALL.matchesAll()).isTrue();
		assertThat(EntryFilter.ALL.matches(this.entry)).isTrue();
	}

	@Test
	void byFunc_matchesExactFuncOnly() {
		assertThat(EntryFilter.byFunc("demo#ask").matches(this.entry)).isTrue();
		assertThat(EntryFilter.byFunc("demo#as").matches(this.entry)).isFalse();
		assertThat(EntryFilter.byFunc("demo#tell").matches(this.entry)).isFalse();
	}

	@Test
	void byKeyPrefix_matchesKeysStartingWithPrefix() {
		assertThat(EntryFilter.byKeyPrefix("abc").matches(this.entry)).isTrue();
		assertThat(EntryFilter.byKeyPrefix("abc123").matches(this.entry)).isTrue();
		assertThat(EntryFilter.byKeyPrefix("bc").matches(this.entry)).isFalse();
	}

	@Test
	void byAnnotation_matchesPairWithSameValue() {
		assertThat(EntryFilter.byAnnotation("team", "search").matches(this.entry)).isTrue();
		assertThat(EntryFilter.byAnnotation("team", "ads").matches(this.entry)).isFalse();
		assertThat(EntryFilter.byAnnotation("owner", "search").matches(this.entry)).isFalse();
	}

	@Test
	void matches_requiresEveryCriterion() {
		EntryFilter filter = new EntryFilter("demo#ask", "abc", Map.of("team", "search"));
		assertThat(filter.matches(this.entry)).isTrue();
		assertThat(filter.andAnnotation("purpose", "answer").matches(this.entry)).isTrue();
		assertThat(filter.andAnnotation("purpose", "other").matches(this.entry)).isFalse();
		assertThat(new EntryFilter("demo#ask", "zzz", Map.of()).matches(this.entry)).isFalse();
		assertThat(new EntryFilter("demo#tell", "abc", Map.of()).matches(this.entry)).isFalse();
	}

	@Test
	void constructor_treatsEmptyCriteriaAsAbsent() {
		EntryFilter empty = new EntryFilter("", "", null);
		assertThat(empty.func()).isNull();
		assertThat(empty.keyPrefix()).isNull();
		assertThat(empty.matchesAll()).isTrue();
		assertThat(empty.matches(this.entry)).isTrue();
	}

	@Test
	void andAnnotation_leavesOriginalFilterUnchanged() {
		EntryFilter base = EntryFilter.byFunc("demo#ask");
		EntryFilter narrower = base.andAnnotation("team", "ads");
		assertThat(base.annotations()).isEmpty();
		assertThat(narrower.func()).isEqualTo("demo#ask");
		assertThat(narrower.annotations()).isEqualTo(Map.of("team", "ads"));
	}

}
