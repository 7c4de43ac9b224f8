package dev.memoize.interceptor;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.memoize.Memoize;

/**
 * A bean with batch methods that return {@code Flux} and {@code Mono}. Every run is
 * recorded in {@link #calls} with the collection the method was given.
 */
public class ReactiveBatchService {

	/** The collection each run was given, in order of the runs. */
	public final List<Collection<?>> calls = new CopyOnWriteArrayList<>();

	/** Counted down when a subscriber subscribes to {@link #endless}'s publisher. */
	public final CountDownLatch subscribed = new CountDownLatch(1);

	/** Counted down when {@link #endless}'s publisher is cancelled. */
	public final CountDownLatch cancelled = new CountDownLatch(1);

	private static List<String> upperCased(Collection<String> texts) {
		return texts.stream().map((text) -> text.toUpperCase(Locale.ROOT)).toList();
	}

	@Memoize(batch = true)
	public Flux<String> upper(List<String> texts) {
		this.calls.add(texts);
		return Flux.fromIterable(upperCased(texts));
	}

	@Memoize(batch = true)
	public Mono<List<String>> upperList(List<String> texts) {
		this.calls.add(texts);
		return Mono.fromSupplier(() -> upperCased(texts));
	}

	@Memoize(batch = true)
	public Mono<Map<String, Integer>> lengths(Set<String> texts) {
		this.calls.add(texts);
		Map<String, Integer> lengths = new LinkedHashMap<>();
		texts.forEach((text) -> lengths.put(text, text.length()));
		return Mono.just(lengths);
	}

	@Memoize(batch = true)
	public Mono<Map<String, Integer>> lengthsMissingLast(List<String> texts) {
		this.calls.add(texts);
		Map<String, Integer> lengths = new LinkedHashMap<>();
		texts.subList(0, texts.size() - 1).forEach((text) -> lengths.put(text, text.length()));
		return Mono.just(lengths);
	}

	@Memoize(batch = true)
	public Flux<String> failsAfterFirst(List<String> texts) {
		this.calls.add(texts);
		return Flux.concat(Flux.just(texts.get(0)), Flux.error(new IllegalStateException("the stream broke")));
	}

	@Memoize(batch = true)
	public Flux<String> endless(List<String> texts) {
		this.calls.add(texts);
		return Flux.concat(Flux.fromIterable(upperCased(texts)), Flux.<String>never())
			.doOnSubscribe((subscription) -> this.subscribed.countDown())
			.doOnCancel(this.cancelled::countDown);
	}

	@Memoize(batch = true)
	public Mono<List<String>> empty(List<String> texts) {
		this.calls.add(texts);
		return Mono.empty();
	}

	@Memoize(batch = true)
	public Flux<String> dropsLast(List<String> texts) {
		this.calls.add(texts);
		return Flux.fromIterable(texts).take(texts.size() - 1);
	}

	@Memoize(batch = true)
	public Flux<String> throwsNow(List<String> texts) {
		this.calls.add(texts);
		throw new IllegalStateException("no publisher today");
	}

}
