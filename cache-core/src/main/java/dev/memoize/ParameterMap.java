package dev.memoize;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable map of parameter names to argument values, in parameter order, that may
 * hold {@code null} values. One array of names is shared by every call of a method, so an
 * entry of the in-memory cache keeps only its own values: a copy into a
 * {@code LinkedHashMap} costs about five times the heap for the usual two or three
 * parameters. Lookups by name scan the names, which is as fast as hashing for the few
 * parameters a method has. Thread-safe.
 */
public final class ParameterMap extends AbstractMap<String, Object> {

	private final String[] names;

	private final Object[] values;

	private ParameterMap(String[] names, Object[] values) {
		this.names = names;
		this.values = values;
	}

	/**
	 * Creates a map over shared names and the given values.
	 * @param names the parameter names, distinct; the array is shared, never modified
	 * @param values the values, one per name; the array is taken over, so the caller must
	 * not modify it afterwards
	 * @return the map
	 * @throws IllegalArgumentException if the lengths differ
	 */
	public static ParameterMap of(String[] names, Object[] values) {
		if (names.length != values.length) {
			throw new IllegalArgumentException(
					names.length + " parameter names " + Arrays.toString(names) + " for " + values.length + " values");
		}
		return new ParameterMap(names, values);
	}

	/**
	 * An immutable copy of a map, in its iteration order; the map itself when it is a
	 * {@code ParameterMap} already.
	 * @param map the map to copy
	 * @return the copy
	 */
	public static ParameterMap copyOf(Map<String, ?> map) {
		if (map instanceof ParameterMap parameters) {
			return parameters;
		}
		String[] names = new String[map.size()];
		Object[] values = new Object[map.size()];
		int i = 0;
		for (Map.Entry<String, ?> entry : map.entrySet()) {
			names[i] = Objects.requireNonNull(entry.getKey(), "parameter name");
			values[i] = entry.getValue();
			i++;
		}
		return new ParameterMap(names, values);
	}

	@Override
	public int size() {
		return this.names.length;
	}

	@Override
	public boolean containsKey(Object name) {
		return indexOf(name) >= 0;
	}

	@Override
	public Object get(Object name) {
		int index = indexOf(name);
		return (index >= 0) ? this.values[index] : null;
	}

	private int indexOf(Object name) {
		for (int i = 0; i < this.names.length; i++) {
			if (this.names[i].equals(name)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The values in parameter order.
	 * @return an unmodifiable list of the values, possibly holding {@code null}
	 */
	@Override
	public List<Object> values() {
		return java.util.Collections.unmodifiableList(Arrays.asList(this.values));
	}

	@Override
	public Set<Map.Entry<String, Object>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public int size() {
				return ParameterMap.this.names.length;
			}

			@Override
			public Iterator<Map.Entry<String, Object>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < ParameterMap.this.names.length;
					}

					@Override
					public Map.Entry<String, Object> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						int index = this.next++;
						return new SimpleImmutableEntry<>(ParameterMap.this.names[index],
								ParameterMap.this.values[index]);
					}

				};
			}

		};
	}

}
