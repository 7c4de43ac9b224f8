package dev.memoize.interceptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.memoize.MemoCache;
import dev.memoize.MemoizeException;
import dev.memoize.WriteOptions;
import dev.memoize.key.MemoKey;

/**
 * One call of a {@code @Memoize(batch = true)} method, step by step: the key of each
 * element, the hits of one bulk read, the misses the method is given (each distinct one
 * once, in input order), the values it computed for them, one bulk write, and the result
 * stitched back in input order. Free of Reactor, so that the synchronous and the reactive
 * invocations share it.
 *
 * <p>
 * Each element is keyed as if the method had been called with that one element: its
 * inputs are the call's inputs with the batch parameter's value replaced by the element
 * itself. Elements with equal keys are duplicates: the method is given the first of them.
 *
 * <p>
 * Not thread-safe: its steps run one after another, possibly on different threads with a
 * happens-before order between them, as Reactor guarantees.
 */
final class BatchCall {

	private static final int MAX_ELEMENT_TEXT = 80;

	private final MemoizeOperation operation;

	private final BatchOperation batch;

	private final MemoCache cache;

	private final Object target;

	private final Object[] args;

	private final List<Object> elements;

	private final List<MemoKey> keys;

	private final Map<String, Object> values = new HashMap<>();

	private final Map<String, Miss> misses = new LinkedHashMap<>();

	private final List<Object> computed = new ArrayList<>();

	/**
	 * Starts a call.
	 * @param operation the method's operation, a batch one
	 * @param cache the method's cache
	 * @param target the bean
	 * @param args the call's arguments, not changed
	 * @param elements the batch parameter's elements, in input order
	 */
	BatchCall(MemoizeOperation operation, MemoCache cache, Object target, Object[] args, List<Object> elements) {
		this.operation = operation;
		this.batch = operation.batch();
		this.cache = cache;
		this.target = target;
		this.args = args;
		this.elements = elements;
		this.keys = new ArrayList<>(elements.size());
	}

	/**
	 * Whether the call has no element, so needs neither the cache nor the method.
	 * @return {@code true} when the batch is empty
	 */
	boolean isEmpty() {
		return this.elements.isEmpty();
	}

	/**
	 * Keys every element and reads the stored values of all of them with one bulk read.
	 * @throws MemoizeException if an element cannot be keyed, or the backend fails and
	 * {@code memoize.fail-open} is not set
	 */
	void read() {
		for (Object element : this.elements) {
			this.keys.add(this.cache.key(this.operation.func(), this.operation.inputs(argumentsOf(element))));
		}
		this.values.putAll(this.cache.getAll(this.keys, this.batch.valueType()));
		for (int i = 0; i < this.keys.size(); i++) {
			MemoKey key = this.keys.get(i);
			if (!this.values.containsKey(key.key()) && !this.misses.containsKey(key.key())) {
				this.misses.put(key.key(), new Miss(key, this.elements.get(i)));
			}
		}
	}

	/**
	 * Whether some elements were not stored, so the method must run.
	 * @return {@code true} when there are misses
	 */
	boolean hasMisses() {
		return !this.misses.isEmpty();
	}

	/**
	 * The arguments the method runs with: the call's own, with the batch parameter
	 * holding only the misses, each once, in input order, in a collection of the
	 * parameter's declared kind.
	 * @return new arguments
	 */
	Object[] missArguments() {
		Object[] arguments = this.args.clone();
		arguments[this.batch.parameterIndex()] = this.batch
			.collection(this.misses.values().stream().map(Miss::element).toList());
		return arguments;
	}

	/**
	 * Takes the values the method computed for the misses: a list with one value per miss
	 * in order, or a map with an entry for every miss, as the method's form says; a map's
	 * entries for elements it was not given are ignored.
	 * @param returned the method's values
	 * @throws MemoizeException if they are missing, of the wrong size, or lack an
	 * element; then nothing has been stored
	 */
	void computed(Object returned) {
		if (returned == null) {
			throw failure("returned null for the " + this.misses.size() + " elements it was given");
		}
		if (this.batch.form().isKeyedByElement()) {
			computedByElement((Map<?, ?>) returned);
		}
		else {
			computedInOrder((List<?>) returned);
		}
		int i = 0;
		for (Miss miss : this.misses.values()) {
			this.values.put(miss.key().key(), this.computed.get(i++));
		}
	}

	private void computedInOrder(List<?> returned) {
		if (returned.size() != this.misses.size()) {
			throw failure("returned " + returned.size() + " values for the " + this.misses.size()
					+ " elements it was given; it must return one value per element, in the order given");
		}
		this.computed.addAll(returned);
	}

	private void computedByElement(Map<?, ?> returned) {
		for (Miss miss : this.misses.values()) {
			if (!contains(returned, miss.element())) {
				throw failure("returned no entry for element " + text(miss.element()) + " (it was given "
						+ this.misses.size() + " elements and returned " + returned.size()
						+ " entries); it must return an entry for every element it is given");
			}
			this.computed.add(returned.get(miss.element()));
		}
	}

	private static boolean contains(Map<?, ?> map, Object element) {
		try {
			return map.containsKey(element);
		}
		catch (NullPointerException | ClassCastException ex) {
			// a map that does not take null or foreign keys holds no such entry
			return false;
		}
	}

	/**
	 * Stores the computed values with one bulk write, except those that {@code unless}
	 * vetoes: it is evaluated for each element with {@code #result} that element's value
	 * and the batch parameter standing for that element, as in its key.
	 * @param loadTime how long the method took
	 */
	void store(Duration loadTime) {
		Map<MemoKey, Object> writes = new LinkedHashMap<>();
		int i = 0;
		for (Miss miss : this.misses.values()) {
			Object value = this.computed.get(i++);
			if (!this.operation.writeOptions(this.target, argumentsOf(miss.element())).unless().test(value)) {
				writes.put(miss.key(), value);
			}
		}
		this.cache.putAll(writes, new WriteOptions(this.operation.ttl(), this.operation.metadata(), null), loadTime);
	}

	/**
	 * The value of every input position, in input order.
	 * @return a new list as long as the input
	 */
	List<Object> results() {
		List<Object> results = new ArrayList<>(this.keys.size());
		for (MemoKey key : this.keys) {
			results.add(this.values.get(key.key()));
		}
		return results;
	}

	/**
	 * The value of every element, by element, in input order.
	 * @return a new map with an entry per distinct element
	 */
	Map<Object, Object> resultMap() {
		Map<Object, Object> results = new LinkedHashMap<>();
		for (int i = 0; i < this.keys.size(); i++) {
			Object element = this.elements.get(i);
			if (!results.containsKey(element)) {
				results.put(element, this.values.get(this.keys.get(i).key()));
			}
		}
		return results;
	}

	/**
	 * An error about what the method returned, naming the method.
	 * @param what what is wrong, as a predicate of "the method"
	 * @return the exception
	 */
	MemoizeException failure(String what) {
		return error("the method " + what + "; nothing was stored");
	}

	/**
	 * An error about the call, naming the method.
	 * @param what what is wrong
	 * @return the exception
	 */
	MemoizeException error(String what) {
		return new MemoizeException(
				"@Memoize(batch = true) on " + OperationParser.describe(this.operation.method()) + ": " + what);
	}

	/**
	 * The call's arguments with the batch parameter standing for one element.
	 */
	private Object[] argumentsOf(Object element) {
		Object[] arguments = this.args.clone();
		arguments[this.batch.parameterIndex()] = element;
		return arguments;
	}

	private static String text(Object element) {
		String text = "'" + element + "'";
		return (text.length() <= MAX_ELEMENT_TEXT) ? text : text.substring(0, MAX_ELEMENT_TEXT - 4) + "...'";
	}

	/**
	 * A distinct element that was not stored, and its key.
	 */
	private record Miss(MemoKey key, Object element) {
	}

}
