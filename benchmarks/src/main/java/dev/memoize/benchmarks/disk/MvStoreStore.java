package dev.memoize.benchmarks.disk;

import java.nio.file.Path;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * MVStore with its background writer (default auto-commit delay, which also compacts),
 * and an explicit {@link MVStore#commit()} after every write: the commit writes the
 * changed pages as a new chunk with {@code FileChannel.write} before returning.
 * {@link Durability#FSYNC} adds {@link MVStore#sync()} ({@code FileChannel.force}).
 */
final class MvStoreStore implements KeyValueStore {

	private final MVStore store;

	private final MVMap<String, byte[]> map;

	private final boolean fsync;

	MvStoreStore(Path directory, Durability durability) {
		this.store = new MVStore.Builder().fileName(directory.resolve("store.mv").toString()).open();
		this.map = this.store.openMap("entries", new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
			.valueType(ByteArrayDataType.INSTANCE));
		this.fsync = durability == Durability.FSYNC;
	}

	@Override
	public byte[] get(String key) {
		return this.map.get(key);
	}

	@Override
	public void put(String key, byte[] value) {
		this.map.put(key, value);
		commit();
	}

	@Override
	public void putAll(String[] keys, byte[][] values) {
		for (int i = 0; i < keys.length; i++) {
			this.map.put(keys[i], values[i]);
		}
		commit();
	}

	private void commit() {
		this.store.commit();
		if (this.fsync) {
			this.store.sync();
		}
	}

	@Override
	public void close() {
		this.store.close();
	}

}
