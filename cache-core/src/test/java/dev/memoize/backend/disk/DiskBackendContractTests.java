package dev.memoize.backend.disk;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.CacheBackendContract;

/**
 * Runs the backend contract against a {@link DiskBackend} in a fresh directory per test.
 * RocksDB allows one open handle per directory, so reopening closes the first backend.
 */
class DiskBackendContractTests extends CacheBackendContract {

	private static final long ROOMY = 1L << 30;

	@TempDir
	Path directory;

	@Override
	protected CacheBackend createBackend(BackendContext context) {
		return new DiskBackend(this.directory, ROOMY, context);
	}

	@Override
	protected CacheBackend reopen() {
		this.backend.close();
		return super.reopen();
	}

}
