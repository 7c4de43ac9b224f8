package dev.memoize.benchmarks.disk;

import java.nio.file.Path;

/**
 * The candidate engines, each opened the way the {@code disk} backend would open it.
 */
public enum Engine {

	/** H2's MVStore: pure Java, copy-on-write B-tree appended to one file in chunks. */
	MVSTORE {
		@Override
		KeyValueStore open(Path directory, Durability durability) {
			return new MvStoreStore(directory, durability);
		}
	},

	/** RocksDB through JNI: log-structured merge tree with a write-ahead log. */
	ROCKSDB {
		@Override
		KeyValueStore open(Path directory, Durability durability) {
			return new RocksDbStore(directory, durability);
		}
	},

	/** LMDB through lmdbjava (JNR): copy-on-write B+tree in a memory-mapped file. */
	LMDB {
		@Override
		KeyValueStore open(Path directory, Durability durability) {
			return new LmdbStore(directory, durability);
		}
	},

	/**
	 * SQLite through sqlite-jdbc in WAL mode: the store of the {@code jdbc} backend's
	 * default, as a reference point.
	 */
	SQLITE {
		@Override
		KeyValueStore open(Path directory, Durability durability) {
			return new SqliteStore(directory, durability);
		}
	};

	abstract KeyValueStore open(Path directory, Durability durability);

}
