package dev.memoize.backend.layered;

import java.nio.file.Path;
import java.util.List;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.RawStore;
import dev.memoize.backend.jdbc.JdbcRawStore;
import dev.memoize.backend.memory.Eviction;
import dev.memoize.backend.memory.MemoryBackends;

/**
 * A layered backend, a fresh memory layer over a persistent SQLite layer: each backend it
 * opens starts with an empty memory layer, as after a restart, so reads reach the stored
 * rows, which are damaged with SQL. Only the damages to the stored value apply here: the
 * layer finds a damaged row itself and tells its own cache, not the layered one.
 */
public final class LayeredRawStore implements RawStore {

	private final JdbcRawStore sqlite;

	/**
	 * Creates a store whose persistent layer is a SQLite file in the directory.
	 * @param directory the directory
	 */
	public LayeredRawStore(Path directory) {
		this.sqlite = JdbcRawStore.sqlite(directory);
	}

	@Override
	public CacheBackend open(BackendContext context) {
		CacheBackend memory = MemoryBackends.create(1000, Eviction.LRU,
				new BackendContext(context.cacheName() + "-memory", context.clock(), (key) -> {
				}));
		CacheBackend persistent = this.sqlite
			.open(new BackendContext(context.cacheName() + "-sqlite", context.clock(), (key) -> {
			}));
		return LayeredBackend.create(List.of(new Layer("memory", memory), new Layer("sqlite", persistent)),
				LayeredOptions.defaults(), InvalidationChannel.NONE, context);
	}

	@Override
	public List<Damage> damages() {
		return this.sqlite.damages().stream().filter((damage) -> damage.name().contains("output")).toList();
	}

	@Override
	public boolean holds(String key) {
		return this.sqlite.holds(key);
	}

	@Override
	public void close() {
		this.sqlite.close();
	}

	@Override
	public String toString() {
		return "layered memory over sqlite";
	}

}
