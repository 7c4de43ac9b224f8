package dev.memoize.interceptor;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written as Spring Boot writes them ({@code 500ms}, {@code 30s},
 * {@code 10m}, {@code 2h}, {@code 7d}; a bare number is milliseconds) or in ISO-8601
 * ({@code PT10M}, {@code P7D}). The core module does not depend on Spring Boot, whose
 * {@code DurationStyle} does the same, so the two forms are read here.
 */
final class Durations {

	private static final Pattern SIMPLE = Pattern.compile("^([+-]?\\d+)([a-zA-Z]{0,2})$");

	private static final Map<String, ChronoUnit> UNITS = Map.of("", ChronoUnit.MILLIS, "ns", ChronoUnit.NANOS, "us",
			ChronoUnit.MICROS, "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "h",
			ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

	private Durations() {
	}

	/**
	 * Parses a duration.
	 * @param text the duration
	 * @return the duration
	 * @throws IllegalArgumentException if the text is in neither form
	 */
	static Duration parse(String text) {
		String trimmed = text.trim();
		Matcher simple = SIMPLE.matcher(trimmed);
		if (simple.matches()) {
			ChronoUnit unit = UNITS.get(simple.group(2).toLowerCase(Locale.ROOT));
			if (unit != null) {
				return Duration.of(Long.parseLong(simple.group(1)), unit);
			}
		}
		try {
			return Duration.parse(trimmed);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"'" + text + "' is not a duration; write 30s, 10m, 2h, 7d or ISO-8601 " + "such as PT10M", ex);
		}
	}

}
