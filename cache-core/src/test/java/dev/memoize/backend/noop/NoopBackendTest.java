package dev.memoize.backend.noop;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

import static org.assertj.core.api.Assertions.assertThat;

class NoopBackendTest {

	private final NoopBackend backend = new NoopBackend();

	private final CacheEntry entry = CacheEntry.of("k1", "f", Map.of(), "v", Map.of(), Instant.EPOCH, null);

	@Test
	void get_missesEvenAfterPut() {
		this.backend.put(this.entry);
		assertThat(this.backend.get(new MemoKey("k1", "f", Map.of()))).isSameAs(Lookup.miss());
	}

	@Test
	void size_isZeroAfterPut() {
		this.backend.put(this.entry);
		assertThat(this.backend.size()).isZero();
	}

	@Test
	void scan_isEmptyAndLastAfterPut() {
		this.backend.put(this.entry);
		assertThat(this.backend.scan(EntryFilter.ALL, null, 10).entries()).isEmpty();
		assertThat(this.backend.scan(EntryFilter.ALL, null, 10).isLast()).isTrue();
	}

	@Test
	void removeAndClear_removeNothing() {
		this.backend.put(this.entry);
		assertThat(this.backend.remove("k1")).isFalse();
		assertThat(this.backend.clear(EntryFilter.ALL)).isZero();
	}

}
