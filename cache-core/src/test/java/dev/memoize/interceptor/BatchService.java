package dev.memoize.interceptor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.memoize.Memoize;

/**
 * A bean with synchronous batch methods. Every run is recorded in {@link #calls} with the
 * collection the method was given, so tests see exactly which misses it computed.
 */
public class BatchService {

	/** The collection each run was given, in order of the runs. */
	public final List<Collection<?>> calls = new CopyOnWriteArrayList<>();

	/** What the next runs of {@link #upper} return instead of the upper-cased texts. */
	public volatile List<String> override;

	@Memoize(batch = true)
	public List<String> upper(List<String> texts) {
		if (texts == null) {
			this.calls.add(List.of("null"));
			return List.of();
		}
		this.calls.add(texts);
		return (this.override != null) ? this.override
				: texts.stream().map((text) -> text.toUpperCase(Locale.ROOT)).toList();
	}

	@Memoize(batch = true, exclude = "requestId", annotation = { "purpose=translation", "team=search" }, ttl = "5m")
	public List<String> translate(String language, List<String> texts, String requestId) {
		this.calls.add(texts);
		return texts.stream().map((text) -> language + ":" + text).toList();
	}

	@Memoize(batch = true)
	public Map<String, Integer> lengths(Collection<String> texts) {
		this.calls.add(texts);
		Map<String, Integer> lengths = new HashMap<>();
		texts.forEach((text) -> lengths.put(text, text.length()));
		return lengths;
	}

	@Memoize(batch = true)
	public List<String> fromSet(Set<String> texts) {
		this.calls.add(texts);
		return texts.stream().map((text) -> text + "!").toList();
	}

	@Memoize(batch = true)
	public Map<String, Integer> lengthsMissingLast(List<String> texts) {
		this.calls.add(texts);
		Map<String, Integer> lengths = new LinkedHashMap<>();
		texts.subList(0, texts.size() - 1).forEach((text) -> lengths.put(text, text.length()));
		return lengths;
	}

	@Memoize(batch = true)
	public Map<String, String> lookup(List<String> names) {
		this.calls.add(names);
		Map<String, String> found = new HashMap<>();
		names.forEach((name) -> found.put(name, name.startsWith("no") ? null : "found " + name));
		found.put("unrequested", "ignored");
		return found;
	}

	@Memoize(batch = true)
	public List<String> dropsLast(List<String> texts) {
		this.calls.add(texts);
		return new ArrayList<>(texts.subList(0, texts.size() - 1));
	}

	@Memoize(batch = true)
	public List<String> returnsNull(List<String> texts) {
		this.calls.add(texts);
		return null;
	}

	@Memoize(batch = true)
	public List<String> failing(List<String> texts) {
		this.calls.add(texts);
		throw new IllegalStateException("the service is down");
	}

	@Memoize(batch = true, condition = "#useCache")
	public List<String> conditional(List<String> texts, boolean useCache) {
		this.calls.add(texts);
		return texts.stream().map(String::trim).toList();
	}

	@Memoize(batch = true, unless = "#result.isEmpty() or #texts == 'volatile'")
	public List<String> trimmed(List<String> texts) {
		this.calls.add(texts);
		return texts.stream().map(String::trim).toList();
	}

	@Memoize(batch = true, name = "answers")
	public List<Answer> answers(List<String> prompts) {
		this.calls.add(prompts);
		return prompts.stream().map((prompt) -> new Answer(prompt, prompt.length())).toList();
	}

	/**
	 * A value that JSON carries as an object.
	 *
	 * @param text the text
	 * @param length its length
	 */
	public record Answer(String text, int length) {
	}

}
