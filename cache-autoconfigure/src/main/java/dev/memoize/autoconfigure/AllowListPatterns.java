package dev.memoize.autoconfigure;

import java.util.regex.Pattern;

/**
 * Checks the entries of {@code memoize.codec.java-serialization}: each must be a class
 * name, or a package or class-name prefix followed by {@code .*}, {@code .**} or
 * {@code *}, made of Java identifiers joined by single dots.
 */
final class AllowListPatterns {

	private static final String IDENTIFIER = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";

	private static final Pattern PATTERN = Pattern.compile(IDENTIFIER + "(\\." + IDENTIFIER + ")*(\\.\\*\\*?|\\*)?");

	private AllowListPatterns() {
	}

	/**
	 * What is wrong with an entry.
	 * @param entry the entry
	 * @return the reason it is unusable, or {@code null} when it is a class-name pattern
	 */
	static String problem(String entry) {
		if (entry != null && PATTERN.matcher(entry).matches()) {
			return null;
		}
		return "'" + entry + "' is not a class name or class-name pattern; use com.acme.Answer, com.acme.* or "
				+ "com.acme.**";
	}

}
