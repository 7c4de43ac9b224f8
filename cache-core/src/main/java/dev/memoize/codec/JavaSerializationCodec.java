package dev.memoize.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Stores {@link Serializable} values of allow-listed classes with Java serialization and
 * reads them back through an {@link ObjectInputFilter} built from the same allow-list, so
 * a stored stream that names any other class is rejected before that class is loaded.
 *
 * <p>
 * Allow-list patterns use {@link ObjectInputFilter.Config#createFilter} syntax without
 * the {@code !} form: {@code com.acme.Answer}, {@code com.acme.*} (one package),
 * {@code com.acme.**} (a package and its sub-packages). Primitive arrays and the boxed
 * primitives and {@code String} from {@code java.lang} are always allowed. Thread-safe.
 */
public class JavaSerializationCodec implements ValueCodec {

	private static final String ALWAYS_ALLOWED = "java.lang.String;java.lang.Number;java.lang.Integer;java.lang.Long;"
			+ "java.lang.Short;java.lang.Byte;java.lang.Double;java.lang.Float;java.lang.Boolean;java.lang.Character;";

	private static final Pattern VALID_PATTERN = Pattern.compile("[\\w$.]+(\\.\\*\\*?)?|[\\w$.]+\\*");

	private final List<String> allowList;

	private final ObjectInputFilter filter;

	/**
	 * The allow-list alone, without the always-readable {@code java.lang} types: only the
	 * classes an application opted in are written with Java serialization, so strings and
	 * numbers stay JSON.
	 */
	private final ObjectInputFilter writeFilter;

	/**
	 * Creates a codec.
	 * @param allowList class-name patterns that may be written and read
	 * @throws IllegalArgumentException if a pattern is malformed
	 */
	public JavaSerializationCodec(List<String> allowList) {
		for (String pattern : allowList) {
			if (!VALID_PATTERN.matcher(pattern).matches()) {
				throw new IllegalArgumentException("'" + pattern
						+ "' is not a class-name pattern; use com.acme.Answer, com.acme.* or com.acme.**");
			}
		}
		this.allowList = List.copyOf(allowList);
		this.filter = readFilter(ObjectInputFilter.Config
			.createFilter(ALWAYS_ALLOWED + String.join(";", allowList) + (allowList.isEmpty() ? "" : ";") + "!*"));
		this.writeFilter = ObjectInputFilter.Config
			.createFilter(String.join(";", allowList) + (allowList.isEmpty() ? "" : ";") + "!*");
	}

	/**
	 * The filter of reads: the allow-list for every class the stream names, except that
	 * arrays pass whatever their element type. Creating an array creates none of its
	 * elements, and each element is checked by its own class as it is read; without this,
	 * an allow-listed {@code ArrayList} or {@code HashMap} could never be read, since
	 * they check their {@code Object[]} and {@code Map.Entry[]} backing arrays.
	 */
	private static ObjectInputFilter readFilter(ObjectInputFilter classes) {
		return (info) -> {
			Class<?> type = info.serialClass();
			return (type != null && type.isArray()) ? ObjectInputFilter.Status.ALLOWED : classes.checkInput(info);
		};
	}

	/**
	 * Whether the value's class is on the allow-list and serializable, so this codec
	 * should write it.
	 * @param value the value
	 * @return {@code true} when this codec applies
	 */
	public boolean accepts(Object value) {
		if (!(value instanceof Serializable) || this.allowList.isEmpty()) {
			return false;
		}
		ObjectInputFilter.Status status = this.writeFilter.checkInput(new ClassOnly(value.getClass()));
		return status == ObjectInputFilter.Status.ALLOWED;
	}

	@Override
	public EncodedValue encode(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new CodecException("Cannot serialize " + value.getClass().getName(), ex);
		}
		return new EncodedValue(EncodedValue.JAVA, bytes.toByteArray());
	}

	@Override
	public Object decode(EncodedValue value, Type type) {
		if (!EncodedValue.JAVA.equals(value.format())) {
			throw new CodecException("Cannot read a value stored as '" + value.format() + "' with Java serialization",
					null);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(value.bytes()))) {
			in.setObjectInputFilter(this.filter);
			return in.readObject();
		}
		catch (IOException | ClassNotFoundException ex) {
			throw new CodecException(
					"Cannot read a Java-serialized value (refused by the allow-list " + this.allowList + " or corrupt)",
					ex);
		}
	}

	@Override
	public Object convert(Object value, Type type) {
		return value;
	}

	private record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {

		@Override
		public long arrayLength() {
			return -1;
		}

		@Override
		public long depth() {
			return 1;
		}

		@Override
		public long references() {
			return 0;
		}

		@Override
		public long streamBytes() {
			return 0;
		}

	}

}
