package dev.memoize.backend.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoizeFeed;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;
import dev.memoize.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackBackendTest {

	private final TestClock clock = new TestClock();

	private final BackendContext context = new BackendContext("fixtures", this.clock, (key) -> {
	});

	private final List<String> asked = new ArrayList<>();

	private final MemoKey key = new MemoKey("k1", "demo#ask(String)", Map.of("prompt", "hi"));

	@Test
	void get_asksFeedsInOrderAndServesFirstAnswer() {
		CallbackBackend backend = new CallbackBackend(List.of(feed("first", Optional.empty()),
				feed("second", Optional.of("two")), feed("third", Optional.of("three"))), this.context);
		Lookup lookup = backend.get(this.key);
		assertThat(lookup).isInstanceOfSatisfying(Lookup.Hit.class,
				(hit) -> assertThat(hit.entry().value()).isEqualTo("two"));
		assertThat(this.asked).containsExactly("first", "second");
	}

	@Test
	void get_skipsThrowingFeed() {
		MemoizeFeed broken = (cache, key) -> {
			this.asked.add("broken");
			throw new IllegalStateException("feed down");
		};
		CallbackBackend backend = new CallbackBackend(List.of(broken, feed("good", Optional.of("answer"))),
				this.context);
		Lookup lookup = backend.get(this.key);
		assertThat(lookup).isInstanceOfSatisfying(Lookup.Hit.class,
				(hit) -> assertThat(hit.entry().value()).isEqualTo("answer"));
		assertThat(this.asked).containsExactly("broken", "good");
	}

	@Test
	void get_missesWhenEveryFeedDeclines() {
		CallbackBackend backend = new CallbackBackend(List.of(feed("a", Optional.empty()), feed("b", null)),
				this.context);
		assertThat(backend.get(this.key)).isSameAs(Lookup.miss());
		assertThat(this.asked).containsExactly("a", "b");
	}

	@Test
	void get_missesWithNoFeeds() {
		assertThat(new CallbackBackend(List.of(), this.context).get(this.key)).isSameAs(Lookup.miss());
	}

	@Test
	void get_answerCarriesCallAndSourceOfFeed() {
		MemoizeFeed feed = new FixtureFeed();
		CallbackBackend backend = new CallbackBackend(List.of(feed), this.context);
		CacheEntry entry = ((Lookup.Hit) backend.get(this.key)).entry();
		assertThat(entry.key()).isEqualTo("k1");
		assertThat(entry.func()).isEqualTo("demo#ask(String)");
		assertThat(entry.inputs()).isEqualTo(Map.of("prompt", "hi"));
		assertThat(entry.metadata()).containsEntry(CallbackBackend.SOURCE, FixtureFeed.class.getName());
		assertThat(entry.createdAt()).isEqualTo(this.clock.instant());
		assertThat(entry.expiresAt()).isNull();
	}

	@Test
	void get_passesCacheNameAndKeyToFeed() {
		List<Object> seen = new ArrayList<>();
		MemoizeFeed feed = (cache, key) -> {
			seen.add(cache);
			seen.add(key);
			return Optional.empty();
		};
		new CallbackBackend(List.of(feed), this.context).get(this.key);
		assertThat(seen).containsExactly("fixtures", this.key);
	}

	@Test
	void put_storesNothing() {
		CallbackBackend backend = new CallbackBackend(List.of(), this.context);
		backend.put(CacheEntry.of("k1", "f", Map.of(), "v", Map.of(), Instant.EPOCH,
				Instant.EPOCH.plus(Duration.ofDays(1))));
		assertThat(backend.get(this.key)).isSameAs(Lookup.miss());
		assertThat(backend.size()).isZero();
		assertThat(backend.scan(EntryFilter.ALL, null, 10).entries()).isEmpty();
	}

	private MemoizeFeed feed(String name, Optional<Object> answer) {
		return (cache, key) -> {
			this.asked.add(name);
			return answer;
		};
	}

	static class FixtureFeed implements MemoizeFeed {

		@Override
		public Optional<Object> answer(String cache, MemoKey key) {
			return Optional.of("fixture");
		}

	}

}
