package dev.memoize.backend.layered;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.CacheBackendContract;
import dev.memoize.backend.jdbc.JdbcBackend;
import dev.memoize.backend.jdbc.JdbcOptions;
import dev.memoize.backend.jdbc.JdbcPools;
import dev.memoize.backend.memory.CaffeineBackend;

/**
 * Runs the backend contract against a layered backend of a memory layer over SQLite, with
 * each write strategy. Each test has a database file of its own; a reopened backend is a
 * new memory layer over a new pool on the same file, as a restarted instance would have.
 */
class LayeredBackendContractTests {

	private static final long ROOMY = 100_000;

	@Nested
	class WriteThrough extends SqliteContract {

		WriteThrough() {
			super(WriteStrategy.WRITE_THROUGH);
		}

	}

	@Nested
	class WriteBack extends SqliteContract {

		WriteBack() {
			super(WriteStrategy.WRITE_BACK);
		}

		/**
		 * Another instance sees what this one wrote once its queue is flushed.
		 */
		@Override
		protected CacheBackend reopen() {
			((LayeredStack) this.backend).layered().flush();
			return super.reopen();
		}

	}

	@Nested
	class WriteAround extends SqliteContract {

		WriteAround() {
			super(WriteStrategy.WRITE_AROUND);
		}

	}

	abstract static class SqliteContract extends CacheBackendContract {

		private final WriteStrategy write;

		@TempDir
		Path directory;

		SqliteContract(WriteStrategy write) {
			this.write = write;
		}

		@Override
		protected CacheBackend createBackend(BackendContext context) {
			CacheBackend memory = new CaffeineBackend(ROOMY,
					new BackendContext(context.cacheName() + "-memory", context.clock(), (key) -> {
					}));
			CacheBackend sqlite = JdbcBackend.createOwning(
					JdbcPools.open("jdbc:sqlite:" + this.directory.resolve("layered.db"), null, null, 8, "layered"),
					JdbcOptions.defaults(),
					new BackendContext(context.cacheName() + "-sqlite", context.clock(), (key) -> {
					}));
			List<Layer> layers = List.of(new Layer("memory", memory), new Layer("sqlite", sqlite));
			return new LayeredStack(LayeredBackend.create(layers, LayeredOptions.defaults().withWrite(this.write),
					InvalidationChannel.NONE, context));
		}

	}

}
