package dev.memoize.backend.disk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The heap side of the size limit: every stored key with its size and last-access tick,
 * least recently used first, and the total of the sizes. Reads and writes move a key to
 * the most recent end. Each key's tick and size are also stored (as a {@linkplain #stamp
 * stamp}) next to its record, so the order is rebuilt when the store is opened again;
 * ticks of reads are written in batches ({@link #drainTouched}), so a crash may forget
 * the most recent reads, never an entry.
 *
 * <p>
 * Kept in the heap because reads must stay cheap: a read costs a map update here instead
 * of a write to the store. About 200 bytes of heap per entry.
 *
 * <p>
 * Not thread-safe: the backend guards it with its write lock.
 */
final class RecencyList {

	/** Bytes of a stamp: the tick, then the size. */
	static final int STAMP_SIZE = 12;

	private final LinkedHashMap<String, Slot> slots = new LinkedHashMap<>(1024, 0.75f, true);

	private final Set<String> touched = new HashSet<>();

	private long totalBytes;

	private long lastTick;

	/**
	 * Rebuilds the list from stored stamps.
	 * @param stamps every stored key's stamp, in any order
	 * @return the list, oldest tick first
	 */
	static RecencyList restore(List<Stamp> stamps) {
		List<Stamp> ordered = new ArrayList<>(stamps);
		ordered.sort(Comparator.comparingLong(Stamp::tick));
		RecencyList list = new RecencyList();
		for (Stamp stamp : ordered) {
			Slot previous = list.slots.put(stamp.key(), new Slot(stamp.tick(), stamp.size()));
			list.totalBytes += stamp.size() - ((previous != null) ? previous.size : 0);
			list.lastTick = Math.max(list.lastTick, stamp.tick());
		}
		return list;
	}

	/**
	 * Records a write of a key, as the most recently used.
	 * @param key the key
	 * @param size the bytes it takes
	 * @return the stamp to store with it
	 */
	byte[] written(String key, int size) {
		Slot slot = new Slot(++this.lastTick, size);
		Slot previous = this.slots.put(key, slot);
		this.totalBytes += size - ((previous != null) ? previous.size : 0);
		this.touched.remove(key);
		return stamp(slot);
	}

	/**
	 * Records a read of a key, as the most recently used, if it is listed.
	 * @param key the key
	 * @return whether the key is listed
	 */
	boolean touch(String key) {
		Slot slot = this.slots.get(key);
		if (slot == null) {
			return false;
		}
		slot.tick = ++this.lastTick;
		this.touched.add(key);
		return true;
	}

	/**
	 * Forgets a key.
	 * @param key the key
	 * @return whether it was listed
	 */
	boolean remove(String key) {
		Slot slot = this.slots.remove(key);
		this.touched.remove(key);
		if (slot == null) {
			return false;
		}
		this.totalBytes -= slot.size;
		return true;
	}

	/**
	 * Removes least recently used keys until the total is within the limit.
	 * @param limit the most bytes allowed
	 * @return the removed keys, least recently used first
	 */
	List<String> evictBeyond(long limit) {
		List<String> evicted = new ArrayList<>();
		Iterator<Map.Entry<String, Slot>> eldest = this.slots.entrySet().iterator();
		while (this.totalBytes > limit && eldest.hasNext()) {
			Map.Entry<String, Slot> entry = eldest.next();
			eldest.remove();
			this.totalBytes -= entry.getValue().size;
			this.touched.remove(entry.getKey());
			evicted.add(entry.getKey());
		}
		return evicted;
	}

	/**
	 * How many keys were read since the last {@link #drainTouched}.
	 * @return the count
	 */
	int touchedCount() {
		return this.touched.size();
	}

	/**
	 * The stamps of the keys read since the last call, to store; forgets them.
	 * @return stamps by key
	 */
	Map<String, byte[]> drainTouched() {
		Map<String, byte[]> stamps = new LinkedHashMap<>();
		for (String key : this.touched) {
			Slot slot = this.slots.get(key);
			if (slot != null) {
				stamps.put(key, stamp(slot));
			}
		}
		this.touched.clear();
		return stamps;
	}

	/**
	 * Whether a key is listed, without counting it as used.
	 * @param key the key
	 * @return {@code true} if listed
	 */
	boolean contains(String key) {
		return this.slots.containsKey(key);
	}

	int size() {
		return this.slots.size();
	}

	long totalBytes() {
		return this.totalBytes;
	}

	private static byte[] stamp(Slot slot) {
		return ByteBuffer.allocate(STAMP_SIZE).putLong(slot.tick).putInt(slot.size).array();
	}

	/**
	 * A key's stored stamp.
	 *
	 * @param key the key
	 * @param tick its last-access tick
	 * @param size the bytes it takes
	 */
	record Stamp(String key, long tick, int size) {

		/**
		 * Reads a stored stamp.
		 * @param key the key
		 * @param bytes the stamp's bytes
		 * @return the stamp, or {@code null} if the bytes are not a stamp
		 */
		static Stamp read(String key, byte[] bytes) {
			if (bytes.length != STAMP_SIZE) {
				return null;
			}
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			long tick = buffer.getLong();
			int size = buffer.getInt();
			return (tick >= 0 && size >= 0) ? new Stamp(key, tick, size) : null;
		}

	}

	private static final class Slot {

		private long tick;

		private final int size;

		Slot(long tick, int size) {
			this.tick = tick;
			this.size = size;
		}

	}

}
