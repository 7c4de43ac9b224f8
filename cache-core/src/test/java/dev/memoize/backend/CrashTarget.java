package dev.memoize.backend;

import java.nio.file.Path;

import dev.memoize.backend.disk.DiskBackend;
import dev.memoize.backend.file.FileBackend;
import dev.memoize.backend.jdbc.JdbcBackend;
import dev.memoize.backend.jdbc.JdbcOptions;
import dev.memoize.backend.jdbc.JdbcPools;

/**
 * A persistent backend that {@link BackendCrashContract} kills a writer of and opens
 * again, each opened over one location on disk with limits large enough that nothing is
 * evicted.
 */
public enum CrashTarget {

	/** The disk backend over a directory. */
	DISK {
		@Override
		public CacheBackend open(Path location) {
			return new DiskBackend(location, 1L << 34, BackendContext.of("crash"));
		}
	},

	/** The file backend over a directory. */
	FILE {
		@Override
		public CacheBackend open(Path location) {
			return new FileBackend(location, 10_000_000, BackendContext.of("crash"));
		}
	},

	/** The jdbc backend over a SQLite database file. */
	SQLITE {
		@Override
		public CacheBackend open(Path location) {
			return JdbcBackend.createOwning(JdbcPools.open("jdbc:sqlite:" + location, null, null, 4, "crash"),
					JdbcOptions.defaults(), BackendContext.of("crash"));
		}
	};

	/**
	 * Opens the backend over a location, creating what is missing.
	 * @param location the directory or database file
	 * @return the backend
	 */
	public abstract CacheBackend open(Path location);

}
