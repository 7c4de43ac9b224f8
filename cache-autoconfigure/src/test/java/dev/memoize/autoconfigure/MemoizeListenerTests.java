package dev.memoize.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCacheManager;
import dev.memoize.MemoizeListener;
import dev.memoize.key.MemoKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link MemoizeListener} beans see the events of every cache.
 */
class MemoizeListenerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class))
		.withUserConfiguration(CountingService.Config.class);

	@Test
	void listenerReceivesMissPutAndHitEvents() {
		RecordingListener listener = new RecordingListener();
		this.runner.withBean(RecordingListener.class, () -> listener).run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			service.greet("ada");
			service.greet("ada");
			assertThat(listener.events).containsExactly("miss default", "put default hello ada",
					"hit default hello ada");
		});
	}

	@Test
	void listenerReceivesEvictEvents() {
		RecordingListener listener = new RecordingListener();
		this.runner.withBean(RecordingListener.class, () -> listener).run((context) -> {
			CountingService service = context.getBean(CountingService.class);
			service.greet("ada");
			String key = context.getBean(MemoCacheManager.class)
				.cache("default")
				.entries(EntryFilter.ALL)
				.findFirst()
				.orElseThrow()
				.key();
			context.getBean(MemoCacheManager.class).cache("default").removeKey(key);
			assertThat(listener.events).contains("evict default " + key);
		});
	}

	@Test
	void throwingListenerDoesNotFailTheCall() {
		RecordingListener recording = new RecordingListener();
		this.runner.withBean("throwing", MemoizeListener.class, ThrowingListener::new)
			.withBean(RecordingListener.class, () -> recording)
			.run((context) -> {
				CountingService service = context.getBean(CountingService.class);
				assertThat(service.greet("ada")).isEqualTo("hello ada");
				assertThat(service.greet("ada")).isEqualTo("hello ada");
				assertThat(service.calls()).isEqualTo(1);
				assertThat(recording.events).hasSize(3);
			});
	}

	static class RecordingListener implements MemoizeListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void onHit(String cache, CacheEntry entry) {
			this.events.add("hit " + cache + " " + entry.output());
		}

		@Override
		public void onMiss(String cache, MemoKey key) {
			this.events.add("miss " + cache);
		}

		@Override
		public void onPut(String cache, CacheEntry entry) {
			this.events.add("put " + cache + " " + entry.output());
		}

		@Override
		public void onEvict(String cache, String key) {
			this.events.add("evict " + cache + " " + key);
		}

	}

	static class ThrowingListener implements MemoizeListener {

		@Override
		public void onHit(String cache, CacheEntry entry) {
			throw new IllegalStateException("listener down");
		}

		@Override
		public void onMiss(String cache, MemoKey key) {
			throw new IllegalStateException("listener down");
		}

		@Override
		public void onPut(String cache, CacheEntry entry) {
			throw new IllegalStateException("listener down");
		}

	}

}
