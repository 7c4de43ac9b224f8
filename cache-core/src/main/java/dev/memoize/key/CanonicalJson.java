package dev.memoize.key;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

/**
 * Writes a JSON tree in canonical form: object members sorted by name (UTF-16 code unit
 * order), no insignificant white space, strings escaped minimally.
 *
 * <p>
 * Jackson writes members in insertion order and offers no canonical output, so this small
 * writer fixes the form that keys are hashed from. Strings escape only {@code "},
 * {@code \} and control characters below U+0020 ({@code \b \f \n \r \t}, others as a
 * backslash, {@code u} and four lowercase hex digits); integers are written in decimal,
 * floating-point numbers as Java's {@code Double.toString}/{@code Float.toString},
 * decimals as {@code BigDecimal.toString}, binary values as standard Base64 strings.
 */
public final class CanonicalJson {

	private CanonicalJson() {
	}

	/**
	 * Writes the tree in canonical form.
	 * @param node the tree
	 * @return the canonical JSON text
	 */
	public static String write(JsonNode node) {
		StringBuilder out = new StringBuilder(128);
		write(node, out);
		return out.toString();
	}

	static void write(JsonNode node, StringBuilder out) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			out.append("null");
		}
		else if (node.isObject()) {
			writeObject(node, out);
		}
		else if (node.isArray()) {
			out.append('[');
			for (int i = 0; i < node.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(node.get(i), out);
			}
			out.append(']');
		}
		else if (node.isString()) {
			writeString(node.stringValue(), out);
		}
		else if (node.isBinary()) {
			writeString(Base64.getEncoder().encodeToString(node.binaryValue()), out);
		}
		else if (node instanceof POJONode pojo && pojo.getPojo() instanceof byte[] bytes) {
			// a byte[] argument reaches the tree as an embedded value; Jackson writes it
			// as
			// Base64 text, and so does the binary node above
			writeString(Base64.getEncoder().encodeToString(bytes), out);
		}
		else if (node.isNumber()) {
			out.append(node.numberValue().toString());
		}
		else if (node.isBoolean()) {
			out.append(node.booleanValue());
		}
		else {
			writeString(node.asString(), out);
		}
	}

	private static void writeObject(JsonNode node, StringBuilder out) {
		List<String> names = new ArrayList<>(node.propertyNames());
		names.sort(null);
		out.append('{');
		for (int i = 0; i < names.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			String name = names.get(i);
			writeString(name, out);
			out.append(':');
			write(node.get(name), out);
		}
		out.append('}');
	}

	static void writeString(String value, StringBuilder out) {
		out.append('"');
		int plain = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == '"' || c == '\\' || (Character.isSurrogate(c) && isLoneSurrogate(value, i))) {
				// runs of characters that need no escape are appended whole
				out.append(value, plain, i);
				writeEscaped(c, out);
				plain = i + 1;
			}
			else if (Character.isHighSurrogate(c)) {
				i++;
			}
		}
		out.append(value, plain, value.length());
		out.append('"');
	}

	private static void writeEscaped(char c, StringBuilder out) {
		switch (c) {
			case '"' -> out.append("\\\"");
			case '\\' -> out.append("\\\\");
			case '\b' -> out.append("\\b");
			case '\f' -> out.append("\\f");
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			case '\t' -> out.append("\\t");
			default -> out.append(String.format("\\u%04x", (int) c));
		}
	}

	/**
	 * Whether the char at an index is half of a surrogate pair without its other half.
	 * UTF-8 cannot carry it, so it is written as a JSON unicode escape: written raw,
	 * every lone surrogate would become the same replacement byte in the hashed UTF-8 and
	 * different texts would share a key.
	 */
	private static boolean isLoneSurrogate(String value, int index) {
		char c = value.charAt(index);
		if (Character.isHighSurrogate(c)) {
			return index + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(index + 1));
		}
		return Character.isLowSurrogate(c);
	}

}
