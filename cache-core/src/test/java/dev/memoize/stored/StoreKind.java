package dev.memoize.stored;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import dev.memoize.backend.RawStore;
import dev.memoize.backend.disk.DiskRawStore;
import dev.memoize.backend.file.FileRawStore;
import dev.memoize.backend.jdbc.JdbcRawStore;
import dev.memoize.backend.layered.LayeredRawStore;
import dev.memoize.backend.redis.RedisRawStore;

/**
 * Every persistent backend, as a {@link RawStore} made in a test's temporary directory
 * (or, for servers, under a table or prefix of its own).
 *
 * @param name the backend, for test names
 * @param create makes the store in a directory
 */
record StoreKind(String name, Function<Path, RawStore> create) {

	/**
	 * Disk, file, jdbc on SQLite, PostgreSQL and MariaDB, Redis, and a layered backend
	 * whose persistent layer is SQLite.
	 * @return the kinds
	 */
	static List<StoreKind> all() {
		return List.of(new StoreKind("disk", DiskRawStore::new), new StoreKind("file", FileRawStore::new),
				new StoreKind("jdbc sqlite", JdbcRawStore::sqlite),
				new StoreKind("jdbc postgresql", (directory) -> JdbcRawStore.postgres()),
				new StoreKind("jdbc mariadb", (directory) -> JdbcRawStore.mariadb()),
				new StoreKind("redis", (directory) -> new RedisRawStore()),
				new StoreKind("layered memory over sqlite", LayeredRawStore::new));
	}

	@Override
	public String toString() {
		return this.name;
	}

}
