package dev.memoize.backend.layered;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.memoize.CacheEntry;

/**
 * Striped locks with a write stamp per stripe, so that a promotion never puts back an
 * entry that a write, a removal or an invalidation replaced while the entry was being
 * read from a lower layer.
 *
 * <p>
 * Every change of a key's layers runs under its stripe's lock and advances the stripe's
 * stamp. A reader notes the stamp before reading the layers and promotes under the lock
 * only if the stamp has not moved: either the promotion happens before the change, which
 * then overwrites or removes what was promoted, or it sees the stamp moved and does
 * nothing. A moved stamp can also be another key's change in the same stripe; that only
 * skips one promotion.
 *
 * <p>
 * Hand-written rather than taken from a library: the stamps must be read and compared
 * under the same locks that the changes hold, which striped-lock libraries do not offer.
 * Thread-safe. Locks of several stripes are always taken in ascending order.
 */
final class KeyLocks {

	private static final int STRIPES = 256;

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	private final AtomicLongArray stamps = new AtomicLongArray(STRIPES);

	KeyLocks() {
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	/**
	 * The stamp of a key's stripe, to hand to {@link #promote} later.
	 * @param key the key
	 * @return the stamp
	 */
	long stamp(String key) {
		return this.stamps.get(stripe(key));
	}

	/**
	 * Changes the layers of some keys under their locks, advancing their stamps.
	 * @param <T> the result type
	 * @param keys the keys
	 * @param change what changes the layers
	 * @return the change's result
	 */
	<T> T change(Collection<String> keys, Supplier<T> change) {
		return locked(stripes(keys), change);
	}

	/**
	 * Changes the layers of any key, under every lock, advancing every stamp.
	 * @param <T> the result type
	 * @param change what changes the layers
	 * @return the change's result
	 */
	<T> T changeAll(Supplier<T> change) {
		return locked(IntStream.range(0, STRIPES).boxed().collect(Collectors.toCollection(TreeSet::new)), change);
	}

	/**
	 * Promotes the entries whose stamps have not moved since they were noted, under their
	 * locks.
	 * @param entries the entries read from a lower layer
	 * @param noted the stamps noted before the entries were read, by key
	 * @param promotion what copies the entries still current up
	 */
	void promote(List<CacheEntry> entries, Map<String, Long> noted, Consumer<List<CacheEntry>> promotion) {
		TreeSet<Integer> stripes = stripes(entries.stream().map(CacheEntry::key).toList());
		for (int stripe : stripes) {
			this.locks[stripe].lock();
		}
		try {
			List<CacheEntry> current = entries.stream()
				.filter((entry) -> Long.valueOf(stamp(entry.key())).equals(noted.get(entry.key())))
				.toList();
			if (!current.isEmpty()) {
				promotion.accept(current);
			}
		}
		finally {
			for (int stripe : stripes.descendingSet()) {
				this.locks[stripe].unlock();
			}
		}
	}

	private <T> T locked(TreeSet<Integer> stripes, Supplier<T> change) {
		for (int stripe : stripes) {
			this.locks[stripe].lock();
		}
		try {
			return change.get();
		}
		finally {
			for (int stripe : stripes.descendingSet()) {
				this.stamps.incrementAndGet(stripe);
				this.locks[stripe].unlock();
			}
		}
	}

	private static TreeSet<Integer> stripes(Collection<String> keys) {
		return keys.stream().map(KeyLocks::stripe).collect(Collectors.toCollection(TreeSet::new));
	}

	private static int stripe(String key) {
		int hash = key.hashCode();
		return ((hash ^ (hash >>> 16)) & 0x7fffffff) % STRIPES;
	}

}
