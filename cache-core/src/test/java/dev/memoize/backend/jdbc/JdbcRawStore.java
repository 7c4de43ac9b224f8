package dev.memoize.backend.jdbc;

import java.nio.file.Path;
import java.util.List;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.RawStore;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The entries table of a jdbc backend in a real database, in a table no one else uses,
 * its rows changed with SQL. Closing it drops the table.
 */
public final class JdbcRawStore implements RawStore {

	private final String name;

	private final TestDatabase database;

	private String cacheName;

	private JdbcRawStore(String name, TestDatabase database) {
		this.name = name;
		this.database = database;
	}

	/**
	 * A SQLite database in a file of the directory.
	 * @param directory the directory
	 * @return the store
	 */
	public static JdbcRawStore sqlite(Path directory) {
		return new JdbcRawStore("jdbc sqlite", TestDatabase.sqlite(directory));
	}

	/**
	 * The local PostgreSQL server.
	 * @return the store
	 */
	public static JdbcRawStore postgres() {
		return new JdbcRawStore("jdbc postgresql", TestDatabase.postgres());
	}

	/**
	 * The local MariaDB server.
	 * @return the store
	 */
	public static JdbcRawStore mariadb() {
		return new JdbcRawStore("jdbc mariadb", TestDatabase.mariadb());
	}

	@Override
	public CacheBackend open(BackendContext context) {
		this.cacheName = context.cacheName();
		return JdbcBackend.create(this.database.dataSource(), this.database.options(), context);
	}

	@Override
	public List<Damage> damages() {
		return List.of(new Damage("garbage in the inputs column", (key) -> update("inputs = ?", "{not json", key)),
				new Damage("garbage in the output bytes", (key) -> update("output_bytes = ?", garbage(), key)),
				new Damage("truncated output bytes", (key) -> update("output_bytes = ?", "\"ol".getBytes(UTF_8), key)),
				new Damage("unknown output format", (key) -> update("output_format = ?", "yaml", key)));
	}

	private static byte[] garbage() {
		return new byte[] { (byte) 0xff, 0x00, (byte) 0xfe, 0x7b, 0x22 };
	}

	private void update(String assignment, Object value, String key) {
		int rows = this.database.jdbc()
			.update("UPDATE " + this.database.table() + " SET " + assignment
					+ " WHERE cache_name = ? AND entry_key = ?", value, this.cacheName, key);
		if (rows != 1) {
			throw new IllegalStateException("No row of " + key + " to damage");
		}
	}

	/**
	 * Writes the output of a stored row directly.
	 * @param key the entry key
	 * @param format the value's format
	 * @param bytes the value's bytes
	 */
	public void writeOutput(String key, String format, byte[] bytes) {
		update("output_format = ?", format, key);
		update("output_bytes = ?", bytes, key);
	}

	@Override
	public boolean holds(String key) {
		return this.database.jdbc()
			.queryForObject("SELECT COUNT(*) FROM " + this.database.table() + " WHERE cache_name = ? AND entry_key = ?",
					Long.class, this.cacheName, key) > 0;
	}

	@Override
	public void close() {
		this.database.close();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
