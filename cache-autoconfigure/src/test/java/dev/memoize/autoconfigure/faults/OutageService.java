package dev.memoize.autoconfigure.faults;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import dev.memoize.Memoize;

/**
 * A bean whose memoized methods use the cache {@value #CACHE} and count how often they
 * run.
 */
public class OutageService {

	/** The cache of the memoized methods. */
	public static final String CACHE = "remote";

	private final AtomicInteger calls = new AtomicInteger();

	@Memoize(cache = CACHE)
	public String compute(String input) {
		this.calls.incrementAndGet();
		return "result of " + input;
	}

	@Memoize(cache = CACHE)
	public Mono<String> computeLater(String input) {
		return Mono.fromSupplier(() -> {
			this.calls.incrementAndGet();
			return "later result of " + input;
		});
	}

	/**
	 * How often a memoized method ran; not memoized, so a proxy passes it to the target.
	 * @return the run count
	 */
	public int calls() {
		return this.calls.get();
	}

}
