package dev.memoize.benchmarks.disk;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite in WAL mode over one connection, one transaction per put. With
 * {@link Durability#PROCESS} {@code synchronous=NORMAL}: a commit is written to the WAL
 * and returns. With {@link Durability#FSYNC} {@code synchronous=FULL}: the WAL is synced
 * at every commit.
 */
final class SqliteStore implements KeyValueStore {

	private final Connection connection;

	private final PreparedStatement select;

	private final PreparedStatement upsert;

	SqliteStore(Path directory, Durability durability) {
		try {
			this.connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("store.db"));
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("PRAGMA journal_mode=WAL");
				statement.execute("PRAGMA synchronous=" + ((durability == Durability.FSYNC) ? "FULL" : "NORMAL"));
				statement.execute("CREATE TABLE IF NOT EXISTS entries (k TEXT PRIMARY KEY, v BLOB NOT NULL)");
			}
			this.select = this.connection.prepareStatement("SELECT v FROM entries WHERE k = ?");
			this.upsert = this.connection.prepareStatement(
					"INSERT INTO entries (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public byte[] get(String key) {
		try {
			this.select.setString(1, key);
			try (ResultSet rows = this.select.executeQuery()) {
				return rows.next() ? rows.getBytes(1) : null;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void put(String key, byte[] value) {
		try {
			this.upsert.setString(1, key);
			this.upsert.setBytes(2, value);
			this.upsert.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void putAll(String[] keys, byte[][] values) {
		try {
			this.connection.setAutoCommit(false);
			for (int i = 0; i < keys.length; i++) {
				this.upsert.setString(1, keys[i]);
				this.upsert.setBytes(2, values[i]);
				this.upsert.executeUpdate();
			}
			this.connection.commit();
			this.connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
