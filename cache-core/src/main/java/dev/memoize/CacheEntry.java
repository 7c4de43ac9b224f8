package dev.memoize;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One memoized result: an immutable record of the call that produced it and the value it
 * serves.
 *
 * <p>
 * An entry is <em>annotated</em> when someone attached an {@code expected} value to it;
 * an annotated entry serves its expected value instead of the computed output, so a cache
 * can hold golden answers. {@code expected} and {@code output} may be {@code null}.
 *
 * @param key the entry's key: lowercase hex SHA-256 of the canonical call
 * @param func the function name
 * @param inputs the arguments by parameter name, as plain JSON values
 * @param output the computed result
 * @param expected the expected result, meaningful only when {@code annotated}
 * @param annotated whether {@code expected} is set
 * @param metadata string metadata: the method's annotation pairs and anything callers add
 * @param createdAt when the entry was written
 * @param expiresAt when the entry expires, or {@code null} for never
 */
public record CacheEntry(String key, String func, Map<String, Object> inputs, Object output, Object expected,
		boolean annotated, Map<String, String> metadata, Instant createdAt, Instant expiresAt) {

	/**
	 * Validates the components and makes the maps immutable copies (an immutable
	 * {@link ParameterMap} of inputs is kept as it is).
	 */
	public CacheEntry {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(func, "func");
		Objects.requireNonNull(createdAt, "createdAt");
		inputs = (inputs != null) ? ParameterMap.copyOf(inputs) : Map.of();
		metadata = (metadata != null && !metadata.isEmpty())
				? Collections.unmodifiableMap(new LinkedHashMap<>(metadata)) : Map.of();
		if (!annotated) {
			expected = null;
		}
	}

	/**
	 * Creates an entry that is not annotated.
	 * @param key the key
	 * @param func the function name
	 * @param inputs the inputs
	 * @param output the computed result
	 * @param metadata the metadata
	 * @param createdAt when it was written
	 * @param expiresAt when it expires, or {@code null}
	 * @return the entry
	 */
	public static CacheEntry of(String key, String func, Map<String, Object> inputs, Object output,
			Map<String, String> metadata, Instant createdAt, Instant expiresAt) {
		return new CacheEntry(key, func, inputs, output, null, false, metadata, createdAt, expiresAt);
	}

	/**
	 * The value this entry serves: {@code expected} when annotated, else {@code output}.
	 * @return the served value, possibly {@code null}
	 */
	public Object value() {
		return this.annotated ? this.expected : this.output;
	}

	/**
	 * Returns a copy that serves {@code expected} and carries the given metadata on top
	 * of this entry's own.
	 * @param expected the value to serve, possibly {@code null}
	 * @param extraMetadata metadata to add or overwrite
	 * @return the annotated entry
	 */
	public CacheEntry annotate(Object expected, Map<String, String> extraMetadata) {
		Map<String, String> merged = new LinkedHashMap<>(this.metadata);
		if (extraMetadata != null) {
			merged.putAll(extraMetadata);
		}
		return new CacheEntry(this.key, this.func, this.inputs, this.output, expected, true, merged, this.createdAt,
				this.expiresAt);
	}

	/**
	 * Returns a copy with another output.
	 * @param newOutput the output
	 * @return the new entry
	 */
	public CacheEntry withOutput(Object newOutput) {
		return new CacheEntry(this.key, this.func, this.inputs, newOutput, this.expected, this.annotated, this.metadata,
				this.createdAt, this.expiresAt);
	}

	/**
	 * Returns a copy with another expected value, keeping whether it is annotated.
	 * @param newExpected the expected value
	 * @return the new entry
	 */
	public CacheEntry withExpected(Object newExpected) {
		return new CacheEntry(this.key, this.func, this.inputs, this.output, newExpected, this.annotated, this.metadata,
				this.createdAt, this.expiresAt);
	}

	/**
	 * Whether this entry has expired at the given instant.
	 * @param now the instant to test
	 * @return {@code true} once {@code now} is at or after {@code expiresAt}
	 */
	public boolean isExpired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

}
