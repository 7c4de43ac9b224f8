package dev.memoize.benchmarks.disk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * LMDB with one write transaction per put. By default LMDB syncs the data file at every
 * commit ({@link Durability#FSYNC}); {@link Durability#PROCESS} opens it with
 * {@code MDB_NOSYNC}, so a commit writes its pages with {@code pwrite(2)} and returns.
 * Reads use a read-only transaction each ({@code MDB_NOTLS}).
 */
final class LmdbStore implements KeyValueStore {

	private static final long MAP_SIZE = 4L * 1024 * 1024 * 1024;

	private final Env<byte[]> env;

	private final Dbi<byte[]> dbi;

	LmdbStore(Path directory, Durability durability) {
		Env.Builder<byte[]> builder = Env.create(ByteArrayProxy.PROXY_BA).setMapSize(MAP_SIZE).setMaxDbs(1);
		this.env = (durability == Durability.FSYNC) ? builder.open(directory.toFile(), EnvFlags.MDB_NOTLS)
				: builder.open(directory.toFile(), EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC);
		this.dbi = this.env.openDbi("entries", DbiFlags.MDB_CREATE);
	}

	@Override
	public byte[] get(String key) {
		try (Txn<byte[]> txn = this.env.txnRead()) {
			return this.dbi.get(txn, bytes(key));
		}
	}

	@Override
	public void put(String key, byte[] value) {
		try (Txn<byte[]> txn = this.env.txnWrite()) {
			this.dbi.put(txn, bytes(key), value);
			txn.commit();
		}
	}

	@Override
	public void putAll(String[] keys, byte[][] values) {
		try (Txn<byte[]> txn = this.env.txnWrite()) {
			for (int i = 0; i < keys.length; i++) {
				this.dbi.put(txn, bytes(keys[i]), values[i]);
			}
			txn.commit();
		}
	}

	private static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.env.close();
	}

}
