package dev.memoize.autoconfigure;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.springframework.util.unit.DataSize;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.disk.DiskBackend;

/**
 * Creates {@code disk} backends from {@code memoize.caches.<name>.disk.*}: a RocksDB
 * store in the directory, {@code .memoize/disk/<name>} by default.
 */
public class DiskBackendFactory implements CacheBackendFactory {

	@Override
	public String type() {
		return "disk";
	}

	/**
	 * Opens the cache's store.
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * if the size limit is not positive or the directory is not a path
	 * @throws dev.memoize.backend.BackendException if the store cannot be opened, for
	 * example because another process holds the directory
	 */
	@Override
	public CacheBackend create(MemoizeProperties.Cache properties, BackendContext context) {
		MemoizeProperties.Disk disk = properties.getDisk();
		DataSize sizeLimit = disk.getSizeLimit();
		if (sizeLimit == null || sizeLimit.toBytes() <= 0) {
			throw PropertyErrors.invalid(context.cacheName(), "disk.size-limit", sizeLimit, "must be positive");
		}
		return new DiskBackend(directory(disk, context.cacheName()), sizeLimit.toBytes(), context);
	}

	/**
	 * The directory of a cache's store.
	 * @param disk the cache's disk properties
	 * @param cacheName the cache name
	 * @return the configured directory, else {@code .memoize/disk/<cache name>}
	 */
	static Path directory(MemoizeProperties.Disk disk, String cacheName) {
		String directory = disk.getDirectory();
		if (directory == null) {
			return Path.of(".memoize", "disk", cacheName);
		}
		if (directory.isBlank()) {
			throw PropertyErrors.invalid(cacheName, "disk.directory", directory, "must not be empty");
		}
		try {
			return Path.of(directory);
		}
		catch (InvalidPathException ex) {
			throw PropertyErrors.invalid(cacheName, "disk.directory", directory, ex.getMessage());
		}
	}

}
