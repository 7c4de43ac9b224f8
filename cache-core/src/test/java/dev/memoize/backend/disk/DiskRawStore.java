package dev.memoize.backend.disk;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.RawStore;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The RocksDB store of a disk backend in a directory, its records reached through
 * {@link DiskStore} while no backend holds it open.
 */
public final class DiskRawStore implements RawStore {

	private final Path directory;

	/**
	 * Creates a store in a directory.
	 * @param directory the directory
	 */
	public DiskRawStore(Path directory) {
		this.directory = directory;
	}

	@Override
	public CacheBackend open(BackendContext context) {
		return new DiskBackend(this.directory, 1L << 24, context);
	}

	@Override
	public List<Damage> damages() {
		return List.of(new Damage("truncated record", (key) -> rewrite(key, (r) -> Arrays.copyOf(r, r.length / 2))),
				new Damage("garbage record", (key) -> rewrite(key, (r) -> "not a record".getBytes(UTF_8))),
				new Damage("bit flipped in the value", (key) -> rewrite(key, (r) -> {
					byte[] damaged = r.clone();
					damaged[r.length - 2] ^= 0x40;
					return damaged;
				})));
	}

	@Override
	public boolean holds(String key) throws Exception {
		try (DiskStore store = DiskStore.open(this.directory)) {
			return store.record(key.getBytes(UTF_8)) != null;
		}
	}

	private void rewrite(String key, UnaryOperator<byte[]> how) throws Exception {
		try (DiskStore store = DiskStore.open(this.directory); DiskStore.Changes changes = store.changes()) {
			byte[] damaged = how.apply(store.record(key.getBytes(UTF_8)));
			changes.put(key.getBytes(UTF_8), damaged, new RecencyList().written(key, damaged.length));
			store.apply(changes);
		}
	}

	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return "disk";
	}

}
