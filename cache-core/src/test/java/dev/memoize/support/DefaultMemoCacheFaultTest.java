package dev.memoize.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.memoize.EntryFilter;
import dev.memoize.MemoizeException;
import dev.memoize.MemoizeListener;
import dev.memoize.backend.BackendException;
import dev.memoize.key.MemoKey;

import static dev.memoize.support.CacheFixture.call;
import static dev.memoize.support.CacheFixture.counting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A backend that is down: fail-open computes, fail-closed throws.
 */
class DefaultMemoCacheFaultTest {

	private final CacheFixture fixture = new CacheFixture();

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void get_failOpenReturnsComputedValueWhenBackendIsDown() throws Throwable {
		DefaultMemoCache cache = failing(true);
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		assertThat(call(cache, key, counting(this.calls, "computed"))).isEqualTo("computed");
		assertThat(call(cache, key, counting(this.calls, "computed again"))).isEqualTo("computed again");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void get_failOpenCountsReadAndWriteErrors() throws Throwable {
		DefaultMemoCache cache = failing(true);
		call(cache, cache.key("demo#ask", Map.of("prompt", "hi")), counting(this.calls, "computed"));
		// at least the failed read and the failed write
		assertThat(cache.stats().errors()).isGreaterThanOrEqualTo(2);
		assertThat(cache.stats().puts()).isZero();
		assertThat(cache.stats().hits()).isZero();
	}

	@Test
	void get_failOpenTellsListenersOfErrors() throws Throwable {
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		MemoizeListener listener = new MemoizeListener() {

			@Override
			public void onError(String cache, Throwable error) {
				errors.add(error);
			}

		};
		DefaultMemoCache cache = this.fixture.cache("flaky", null, true, List.of(listener),
				(context) -> new FailingBackend(true));
		call(cache, cache.key("demo#ask", Map.of("prompt", "hi")), counting(this.calls, "computed"));
		assertThat(errors).isNotEmpty().allSatisfy((error) -> assertThat(error).isInstanceOf(BackendException.class));
	}

	@Test
	void get_failOpenWorksForBackendThatEncodesValues() throws Throwable {
		DefaultMemoCache cache = this.fixture.cache("flaky", null, true, List.of(),
				(context) -> new FailingBackend(false));
		assertThat(call(cache, cache.key("demo#ask", Map.of("prompt", "hi")), counting(this.calls, "computed")))
			.isEqualTo("computed");
	}

	@Test
	void programmaticCalls_failOpenActAsEmpty() {
		DefaultMemoCache cache = failing(true);
		assertThat(cache.get("demo#ask", Map.of("prompt", "hi"))).isEmpty();
		assertThat(cache.removeKey("k")).isFalse();
		assertThat(cache.clear(EntryFilter.ALL)).isZero();
		assertThat(cache.size()).isZero();
		cache.put("demo#ask", Map.of("prompt", "hi"), "value");
		assertThat(cache.stats().errors()).isEqualTo(5);
	}

	@Test
	void get_failClosedThrowsNamingTheCache() {
		DefaultMemoCache cache = failing(false);
		MemoKey key = cache.key("demo#ask", Map.of("prompt", "hi"));
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> call(cache, key, counting(this.calls, "computed")))
			.withMessageContaining("'flaky'")
			.withCauseInstanceOf(BackendException.class);
		assertThat(cache.stats().errors()).isEqualTo(1);
	}

	@Test
	void put_failClosedThrowsNamingTheCache() {
		DefaultMemoCache cache = failing(false);
		assertThatExceptionOfType(MemoizeException.class)
			.isThrownBy(() -> cache.put("demo#ask", Map.of("prompt", "hi"), "value"))
			.withMessageContaining("'flaky'");
	}

	private DefaultMemoCache failing(boolean failOpen) {
		return this.fixture.cache("flaky", null, failOpen, List.of(), (context) -> new FailingBackend(true));
	}

}
