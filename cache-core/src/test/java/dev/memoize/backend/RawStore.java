package dev.memoize.backend;

import java.util.List;

/**
 * A persistent store seen from below: it opens backends over the same stored data, and
 * reaches the stored bytes directly, as a crash, a disk fault, another program or an
 * older release would, to damage a record or tell whether one is still there. Tests of
 * corrupt and hostile stored data run over every implementation.
 */
public interface RawStore extends AutoCloseable {

	/**
	 * Opens a backend over the stored data; the caller closes it before
	 * {@link Damage#apply damaging} the store or {@link #holds asking} about it.
	 * @param context the backend's context
	 * @return the backend
	 */
	CacheBackend open(BackendContext context);

	/**
	 * The ways this store's record of an entry can be damaged, each leaving bytes the
	 * backend cannot read as that entry's value.
	 * @return the damages
	 */
	List<Damage> damages();

	/**
	 * Whether a record of the key is stored, read directly, with no backend open.
	 * @param key the entry key
	 * @return {@code true} if a record is there, readable or not
	 * @throws Exception if the store cannot be read
	 */
	boolean holds(String key) throws Exception;

	/**
	 * A named way to damage the record of one key.
	 *
	 * @param name what the damage is, for test names
	 * @param apply damages the record of the key it is given
	 */
	record Damage(String name, Action apply) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * Changes the stored bytes of one key.
	 */
	@FunctionalInterface
	interface Action {

		/**
		 * Changes the record of the key.
		 * @param key the entry key
		 * @throws Exception if the store cannot be changed
		 */
		void apply(String key) throws Exception;

	}

}
