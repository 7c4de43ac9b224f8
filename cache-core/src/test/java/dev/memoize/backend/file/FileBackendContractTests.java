package dev.memoize.backend.file;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.CacheBackendContract;

/**
 * Runs the backend contract against a {@link FileBackend} in a fresh temporary directory
 * per test; a reopened backend is a new instance over the same directory.
 */
class FileBackendContractTests extends CacheBackendContract {

	@TempDir
	Path directory;

	@Override
	protected CacheBackend createBackend(BackendContext context) {
		return new FileBackend(this.directory, 1_000_000, context);
	}

}
