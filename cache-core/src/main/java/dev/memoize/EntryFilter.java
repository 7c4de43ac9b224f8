package dev.memoize;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Selects entries by function name, key prefix and metadata pairs; every given criterion
 * must match, and a criterion left {@code null} or empty matches everything.
 *
 * @param func exact function name, or {@code null}
 * @param keyPrefix prefix of the key, or {@code null}
 * @param annotations metadata pairs that must all be present with these values
 */
public record EntryFilter(String func, String keyPrefix, Map<String, String> annotations) {

	/** The filter that selects every entry. */
	public static final EntryFilter ALL = new EntryFilter(null, null, Map.of());

	/**
	 * Normalizes empty criteria to {@code null} and copies the pairs.
	 */
	public EntryFilter {
		func = (func == null || func.isEmpty()) ? null : func;
		keyPrefix = (keyPrefix == null || keyPrefix.isEmpty()) ? null : keyPrefix;
		annotations = (annotations != null) ? Map.copyOf(annotations) : Map.of();
	}

	/**
	 * A filter on the function name.
	 * @param func the function name
	 * @return the filter
	 */
	public static EntryFilter byFunc(String func) {
		return new EntryFilter(func, null, Map.of());
	}

	/**
	 * A filter on the key prefix.
	 * @param keyPrefix the prefix
	 * @return the filter
	 */
	public static EntryFilter byKeyPrefix(String keyPrefix) {
		return new EntryFilter(null, keyPrefix, Map.of());
	}

	/**
	 * A filter on one metadata pair.
	 * @param name the metadata name
	 * @param value the metadata value
	 * @return the filter
	 */
	public static EntryFilter byAnnotation(String name, String value) {
		return new EntryFilter(null, null, Map.of(name, value));
	}

	/**
	 * Returns this filter with one more metadata pair.
	 * @param name the metadata name
	 * @param value the metadata value
	 * @return the narrower filter
	 */
	public EntryFilter andAnnotation(String name, String value) {
		Map<String, String> pairs = new LinkedHashMap<>(this.annotations);
		pairs.put(name, value);
		return new EntryFilter(this.func, this.keyPrefix, pairs);
	}

	/**
	 * Whether this filter selects every entry.
	 * @return {@code true} when no criterion is set
	 */
	public boolean matchesAll() {
		return this.func == null && this.keyPrefix == null && this.annotations.isEmpty();
	}

	/**
	 * Whether the entry meets every criterion.
	 * @param entry the entry
	 * @return {@code true} when selected
	 */
	public boolean matches(CacheEntry entry) {
		if (this.func != null && !this.func.equals(entry.func())) {
			return false;
		}
		if (this.keyPrefix != null && !entry.key().startsWith(this.keyPrefix)) {
			return false;
		}
		for (Map.Entry<String, String> pair : this.annotations.entrySet()) {
			if (!pair.getValue().equals(entry.metadata().get(pair.getKey()))) {
				return false;
			}
		}
		return true;
	}

}
