package dev.memoize.stored;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.ResolvableType;

import dev.memoize.backend.RawStore;
import dev.memoize.key.MemoKey;
import dev.memoize.support.DefaultMemoCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stored record damaged behind the cache's back (truncated, overwritten with garbage,
 * of an unknown format) is a miss: the method is computed again and its fresh value
 * returned and stored in place of the damaged one, one error is counted, the neighbouring
 * entries are untouched, and no exception reaches the caller, with fail-open off. Over
 * every persistent backend and every way {@link RawStore#damages()} knows to damage it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CorruptEntryTests {

	private static final ResolvableType STRING = ResolvableType.forClass(String.class);

	@TempDir
	Path directory;

	static List<StoreKind> stores() {
		return StoreKind.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void damagedEntryIsAMissComputedAgainCountedAsAnErrorAndReplacedByTheFreshValue(StoreKind kind) throws Throwable {
		try (RawStore store = kind.create().apply(this.directory)) {
			StoredCache caches = new StoredCache(store, List.of());
			List<RawStore.Damage> damages = store.damages();
			assertThat(damages).isNotEmpty();
			for (int i = 0; i < damages.size(); i++) {
				RawStore.Damage damage = damages.get(i);
				MemoKey damaged = caches.key(2 * i);
				MemoKey neighbour = caches.key(2 * i + 1);
				assertThat(caches.call(damaged, STRING, "old").computed()).isEqualTo(1);
				assertThat(caches.call(neighbour, STRING, "neighbour").computed()).isEqualTo(1);
				damage.apply().apply(damaged.key());

				StoredCache.Call afterDamage = caches.call(damaged, STRING, "fresh");
				assertThat(afterDamage.value()).as(damage.name()).isEqualTo("fresh");
				assertThat(afterDamage.computed()).as(damage.name()).isEqualTo(1);
				assertThat(afterDamage.stats().errors()).as(damage.name()).isEqualTo(1);
				assertThat(afterDamage.stats().misses()).as(damage.name()).isEqualTo(1);

				StoredCache.Call again = caches.call(damaged, STRING, "computed again");
				assertThat(again.value()).as(damage.name()).isEqualTo("fresh");
				assertThat(again.computed()).as(damage.name()).isZero();
				assertThat(again.stats().errors()).as(damage.name()).isZero();
				StoredCache.Call other = caches.call(neighbour, STRING, "computed again");
				assertThat(other.value()).as(damage.name()).isEqualTo("neighbour");
				assertThat(other.computed()).as(damage.name()).isZero();
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stores")
	void damagedEntryIsRemovedWhenRead(StoreKind kind) throws Exception {
		try (RawStore store = kind.create().apply(this.directory)) {
			StoredCache caches = new StoredCache(store, List.of());
			List<RawStore.Damage> damages = store.damages();
			for (int i = 0; i < damages.size(); i++) {
				RawStore.Damage damage = damages.get(i);
				MemoKey key = caches.key(i);
				try (DefaultMemoCache cache = caches.open()) {
					cache.put(StoredCache.FUNC, key.inputs(), "old");
				}
				assertThat(store.holds(key.key())).as(damage.name()).isTrue();
				damage.apply().apply(key.key());
				try (DefaultMemoCache cache = caches.open()) {
					assertThat(cache.get(StoredCache.FUNC, Map.of("n", i))).as(damage.name()).isEmpty();
					assertThat(cache.stats().errors()).as(damage.name()).isEqualTo(1);
				}
				assertThat(store.holds(key.key())).as(damage.name()).isFalse();
			}
		}
	}

}
