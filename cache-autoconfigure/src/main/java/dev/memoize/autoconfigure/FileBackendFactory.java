package dev.memoize.autoconfigure;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.file.FileBackend;

/**
 * Creates {@code file} backends from {@code memoize.caches.<name>.file.*}: one JSON file
 * per entry under {@code directory} (default {@code .memoize/files/<cache name>},
 * relative to the working directory), at most {@code max-files} of them.
 */
public class FileBackendFactory implements CacheBackendFactory {

	@Override
	public String type() {
		return "file";
	}

	@Override
	public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context) {
		MemoizeProperties.File file = properties.getFile();
		String cacheName = context.cacheName();
		if (file.getMaxFiles() < 1) {
			throw PropertyErrors.invalid(cacheName, "file.max-files", file.getMaxFiles(), "must be at least 1");
		}
		String directory = directory(file, cacheName);
		try {
			return new FileBackend(Path.of(directory), file.getMaxFiles(), context);
		}
		catch (InvalidPathException | BackendException ex) {
			throw PropertyErrors.invalid(cacheName, "file.directory", directory, ex.getMessage());
		}
	}

	/**
	 * The directory of a cache's files: the configured one, else
	 * {@code .memoize/files/<cache name>}.
	 * @param file the cache's file properties
	 * @param cacheName the cache name
	 * @return the directory
	 */
	static String directory(MemoizeProperties.File file, String cacheName) {
		String directory = file.getDirectory();
		if (directory == null) {
			return ".memoize/files/" + cacheName;
		}
		if (directory.isBlank()) {
			throw PropertyErrors.invalid(cacheName, "file.directory", directory, "must name a directory");
		}
		return directory;
	}

}
