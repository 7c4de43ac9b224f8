package dev.memoize.backend.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;

import dev.memoize.CacheEntry;
import dev.memoize.codec.EncodedValue;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns entries into rows and rows back into entries: inputs and metadata as JSON text,
 * values as their format and bytes, func as UTF-8 bytes, times as epoch milliseconds.
 * Thread-safe.
 */
final class EntryRows implements RowMapper<CacheEntry> {

	/** The columns {@link #mapRow} reads an entry from. */
	static final String COLUMNS = "entry_key, func, inputs, output_format, output_bytes, expected_format, "
			+ "expected_bytes, annotated, metadata, created_at, expires_at";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, Object>> INPUTS = new TypeReference<>() {
	};

	private static final TypeReference<LinkedHashMap<String, String>> METADATA = new TypeReference<>() {
	};

	/**
	 * The JSON text of inputs or metadata, in a form every database's text column keeps:
	 * a lone surrogate (half of a pair without its other half), which UTF-8 cannot carry
	 * and drivers turn into {@code ?}, is written as a JSON unicode escape, which reads
	 * back as the same char. Such a char can only occur inside a JSON string, where the
	 * escape is valid.
	 * @param value the inputs or metadata
	 * @return the JSON text
	 */
	static String jsonText(Object value) {
		String json = MAPPER.writeValueAsString(value);
		StringBuilder escaped = null;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			boolean pair = Character.isHighSurrogate(c) && i + 1 < json.length()
					&& Character.isLowSurrogate(json.charAt(i + 1));
			if (pair) {
				if (escaped != null) {
					escaped.append(c).append(json.charAt(i + 1));
				}
				i++;
			}
			else if (Character.isSurrogate(c)) {
				if (escaped == null) {
					escaped = new StringBuilder(json.length() + 16).append(json, 0, i);
				}
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else if (escaped != null) {
				escaped.append(c);
			}
		}
		return (escaped != null) ? escaped.toString() : json;
	}

	/**
	 * Binds the parameters of {@link JdbcDialect#upsert} for one entry.
	 * @param statement the upsert statement
	 * @param cacheName the cache
	 * @param entry the entry, with {@link EncodedValue} output and expected values
	 * @param writeOrder the entry's write stamp
	 * @throws SQLException if binding fails
	 * @throws IllegalArgumentException if a value is not encoded
	 */
	static void bindUpsert(PreparedStatement statement, String cacheName, CacheEntry entry, long writeOrder)
			throws SQLException {
		EncodedValue output = encoded(entry.output(), entry);
		EncodedValue expected = encoded(entry.expected(), entry);
		int column = 1;
		statement.setString(column++, cacheName);
		statement.setString(column++, entry.key());
		statement.setBytes(column++, funcBytes(entry.func()));
		statement.setString(column++, jsonText(entry.inputs()));
		column = bindValue(statement, column, output);
		column = bindValue(statement, column, expected);
		statement.setBoolean(column++, entry.annotated());
		statement.setString(column++, jsonText(entry.metadata()));
		statement.setLong(column++, millis(entry.createdAt()));
		if (entry.expiresAt() != null) {
			statement.setLong(column++, millis(entry.expiresAt()));
		}
		else {
			statement.setNull(column++, Types.BIGINT);
		}
		statement.setLong(column, writeOrder);
	}

	private static int bindValue(PreparedStatement statement, int column, EncodedValue value) throws SQLException {
		if (value != null) {
			statement.setString(column, value.format());
			statement.setBytes(column + 1, value.bytes());
		}
		else {
			statement.setNull(column, Types.VARCHAR);
			statement.setNull(column + 1, Types.VARBINARY);
		}
		return column + 2;
	}

	private static EncodedValue encoded(Object value, CacheEntry entry) {
		if (value == null || value instanceof EncodedValue) {
			return (EncodedValue) value;
		}
		throw new IllegalArgumentException("The jdbc backend stores encoded values only; entry " + entry.key()
				+ " holds a " + value.getClass().getName());
	}

	/**
	 * The stored form of a function name.
	 * @param func the function name
	 * @return its UTF-8 bytes
	 */
	static byte[] funcBytes(String func) {
		return func.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The stored form of an instant: epoch milliseconds, clamped to the range of a
	 * {@code long}.
	 * @param instant the instant
	 * @return the milliseconds
	 */
	static long millis(Instant instant) {
		try {
			return instant.toEpochMilli();
		}
		catch (ArithmeticException ex) {
			return (instant.getEpochSecond() < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
	}

	/**
	 * Reads the metadata column of a row.
	 * @param rs the row
	 * @return the metadata
	 * @throws SQLException if reading fails
	 */
	static Map<String, String> metadata(ResultSet rs) throws SQLException {
		return MAPPER.readValue(rs.getString("metadata"), METADATA);
	}

	@Override
	public CacheEntry mapRow(ResultSet rs, int rowNum) throws SQLException {
		String key = rs.getString("entry_key");
		String func = new String(rs.getBytes("func"), StandardCharsets.UTF_8);
		Map<String, Object> inputs = MAPPER.readValue(rs.getString("inputs"), INPUTS);
		EncodedValue output = value(rs, "output_format", "output_bytes");
		EncodedValue expected = value(rs, "expected_format", "expected_bytes");
		boolean annotated = rs.getBoolean("annotated");
		Instant createdAt = Instant.ofEpochMilli(rs.getLong("created_at"));
		long expiresAt = rs.getLong("expires_at");
		Instant expires = rs.wasNull() ? null : Instant.ofEpochMilli(expiresAt);
		return new CacheEntry(key, func, inputs, output, expected, annotated, metadata(rs), createdAt, expires);
	}

	/**
	 * Reads a value; a format without bytes is a value of zero bytes, as some drivers
	 * read an empty blob as {@code null}.
	 */
	private static EncodedValue value(ResultSet rs, String formatColumn, String bytesColumn) throws SQLException {
		String format = rs.getString(formatColumn);
		if (format == null) {
			return null;
		}
		byte[] bytes = rs.getBytes(bytesColumn);
		return new EncodedValue(format, (bytes != null) ? bytes : new byte[0]);
	}

}
