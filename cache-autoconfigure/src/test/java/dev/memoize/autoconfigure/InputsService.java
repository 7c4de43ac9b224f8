package dev.memoize.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.memoize.Memoize;

/**
 * Memoized methods on the cache {@code x} that take awkward inputs (huge, null, any
 * Unicode) and count how often they run.
 */
public class InputsService {

	/**
	 * The metadata value of {@link #annotated}: control characters, a line separator, an
	 * emoji, a right-to-left override and Arabic text, none at either end (annotation
	 * values are trimmed).
	 */
	static final String NOTE = "a\u0000b\u0001c\u001fd\u2028e\uD83D\uDE00f\u202Eg\u0645\u0631\u062D\u0628\u0627h";

	/**
	 * A metadata name outside ASCII.
	 */
	static final String NOTE_NAME = "\u043A\u043B\u044E\u0447\uD83D\uDD11";

	private final AtomicInteger calls = new AtomicInteger();

	@Memoize(cache = "x", name = "inputs.echo")
	public String echo(String value) {
		this.calls.incrementAndGet();
		return value;
	}

	@Memoize(cache = "x", name = "inputs.describe-text")
	public String describeText(String value) {
		this.calls.incrementAndGet();
		return value.length() + ":" + value.hashCode();
	}

	@Memoize(cache = "x", name = "inputs.describe-bytes")
	public String describeBytes(byte[] value) {
		this.calls.incrementAndGet();
		return value.length + ":" + Arrays.hashCode(value);
	}

	@Memoize(cache = "x", name = "inputs.describe-list")
	public String describeList(List<String> values) {
		this.calls.incrementAndGet();
		return values.size() + ":" + values.hashCode();
	}

	@Memoize(cache = "x", name = "inputs.pair")
	public String pair(String first, String second) {
		this.calls.incrementAndGet();
		return "[" + first + "][" + second + "]";
	}

	@Memoize(cache = "x", name = "inputs.items")
	public String items(List<String> items) {
		this.calls.incrementAndGet();
		return String.valueOf(items);
	}

	@Memoize(cache = "x", name = "inputs.annotated", annotation = { "note=" + NOTE, NOTE_NAME + "=" + NOTE })
	public String annotated(String value) {
		this.calls.incrementAndGet();
		return value;
	}

	@Memoize(cache = "x")
	public String keyOf(Object subject) {
		this.calls.incrementAndGet();
		return String.valueOf(subject);
	}

	/**
	 * How often a memoized method ran; not memoized itself.
	 * @return the run count
	 */
	public int calls() {
		return this.calls.get();
	}

}
