package dev.memoize.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound about the blocking calls of the stores behind the persistent backends
 * that it cannot see by itself: SQLite runs a statement and RocksDB reads and writes in
 * native code, and the file backend reads a file through NIO. With these marked, a test
 * on a non-blocking thread fails if such a backend is called there.
 */
public class StorageCallsAreBlocking implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.markAsBlocking("org.sqlite.core.NativeDB", "step", "(J)I");
		builder.markAsBlocking("org.rocksdb.RocksDB", "get", "(Lorg/rocksdb/ColumnFamilyHandle;[B)[B");
		builder.markAsBlocking("org.rocksdb.RocksDB", "put", "(Lorg/rocksdb/ColumnFamilyHandle;[B[B)V");
		builder.markAsBlocking("java.nio.file.Files", "readAllBytes", "(Ljava/nio/file/Path;)[B");
	}

}
