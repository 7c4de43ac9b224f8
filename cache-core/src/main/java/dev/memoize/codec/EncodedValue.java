package dev.memoize.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * A value in its stored form, as persistent backends keep it.
 *
 * @param format how the bytes were written: {@link #JSON} or {@link #JAVA}
 * @param bytes the encoded bytes
 */
public record EncodedValue(String format, byte[] bytes) {

	/** UTF-8 JSON written by Jackson. */
	public static final String JSON = "json";

	/** Java serialization, readable only through the allow-list. */
	public static final String JAVA = "java";

	/**
	 * Checks both components are present.
	 */
	public EncodedValue {
		Objects.requireNonNull(format, "format");
		Objects.requireNonNull(bytes, "bytes");
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EncodedValue that && this.format.equals(that.format)
				&& Arrays.equals(this.bytes, that.bytes);
	}

	@Override
	public int hashCode() {
		return 31 * this.format.hashCode() + Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return "EncodedValue[" + this.format + ", " + this.bytes.length + " bytes]";
	}

}
