package dev.memoize.benchmarks.jdbc;

import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.core.serializer.DefaultDeserializer;
import org.springframework.core.serializer.DefaultSerializer;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The minimal Spring {@link org.springframework.cache.Cache} over {@link JdbcTemplate}
 * that a user would write by hand for {@code @Cacheable} on PostgreSQL, since Spring has
 * no JDBC {@code CacheManager}: one table per cache with the key's {@code toString()} as
 * primary key and the value serialized with Java serialization (as Spring's
 * {@code RedisCacheManager} does by default), a primary-key select on get and an
 * {@code INSERT ... ON CONFLICT DO UPDATE} on put. No expiry, no size limit. Thread-safe.
 */
final class JdbcTemplateCache extends AbstractValueAdaptingCache {

	private final String name;

	private final JdbcTemplate jdbc;

	private final String table;

	private final SerializingConverter serializer = new SerializingConverter(new DefaultSerializer());

	private final DeserializingConverter deserializer = new DeserializingConverter(
			new DefaultDeserializer(JdbcTemplateCache.class.getClassLoader()));

	/**
	 * Creates the cache over an existing table (see {@link #createTable}).
	 * @param name the cache's name
	 * @param jdbc the database
	 * @param table the table
	 */
	JdbcTemplateCache(String name, JdbcTemplate jdbc, String table) {
		super(true);
		this.name = name;
		this.jdbc = jdbc;
		this.table = table;
	}

	/**
	 * Creates the table of a cache.
	 * @param jdbc the database
	 * @param table the table
	 */
	static void createTable(JdbcTemplate jdbc, String table) {
		jdbc.execute("CREATE TABLE " + table
				+ " (cache_key VARCHAR(255) COLLATE \"C\" PRIMARY KEY, cache_value BYTEA NOT NULL)");
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Object getNativeCache() {
		return this.jdbc;
	}

	@Override
	protected Object lookup(Object key) {
		List<byte[]> found = this.jdbc.query("SELECT cache_value FROM " + this.table + " WHERE cache_key = ?",
				(rs, row) -> rs.getBytes(1), String.valueOf(key));
		return found.isEmpty() ? null : this.deserializer.convert(found.get(0));
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T get(Object key, Callable<T> valueLoader) {
		ValueWrapper stored = get(key);
		if (stored != null) {
			return (T) stored.get();
		}
		T value;
		try {
			value = valueLoader.call();
		}
		catch (Exception ex) {
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
		put(key, value);
		return value;
	}

	@Override
	public void put(Object key, Object value) {
		this.jdbc.update(
				"INSERT INTO " + this.table + " (cache_key, cache_value) VALUES (?, ?)"
						+ " ON CONFLICT (cache_key) DO UPDATE SET cache_value = EXCLUDED.cache_value",
				String.valueOf(key), this.serializer.convert(toStoreValue(value)));
	}

	@Override
	public void evict(Object key) {
		this.jdbc.update("DELETE FROM " + this.table + " WHERE cache_key = ?", String.valueOf(key));
	}

	@Override
	public void clear() {
		this.jdbc.update("DELETE FROM " + this.table);
	}

}
