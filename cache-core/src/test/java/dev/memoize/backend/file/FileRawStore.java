package dev.memoize.backend.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.RawStore;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The directory of a file backend, its JSON files written directly.
 */
public final class FileRawStore implements RawStore {

	private final EntryFiles files;

	/**
	 * Creates a store in a directory.
	 * @param directory the directory
	 */
	public FileRawStore(Path directory) {
		this.files = new EntryFiles(directory);
	}

	@Override
	public CacheBackend open(BackendContext context) {
		return new FileBackend(this.files.directory(), 100_000, context);
	}

	@Override
	public List<Damage> damages() {
		return List.of(new Damage("garbage file", (key) -> Files.write(file(key), "\u0000garbage{".getBytes(UTF_8))),
				new Damage("truncated JSON", (key) -> {
					byte[] document = Files.readAllBytes(file(key));
					Files.write(file(key), Arrays.copyOf(document, document.length / 2));
				}), new Damage("empty file", (key) -> Files.write(file(key), new byte[0])),
				new Damage("JSON of another shape", (key) -> Files.write(file(key), "[1,2,3]".getBytes(UTF_8))),
				new Damage("output of an unknown format", (key) -> {
					String document = Files.readString(file(key));
					Files.writeString(file(key),
							document.replaceFirst("\"outputFormat\"\\s*:\\s*\"json\"", "\"outputFormat\":\"yaml\""));
				}));
	}

	@Override
	public boolean holds(String key) {
		return Files.exists(file(key));
	}

	/**
	 * The file of a key.
	 * @param key the entry key
	 * @return its path
	 */
	public Path file(String key) {
		return this.files.file(EntryFiles.stem(key));
	}

	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return "file";
	}

}
