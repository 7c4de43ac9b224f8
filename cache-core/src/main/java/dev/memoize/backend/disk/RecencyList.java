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
 * The heap side of the size limit: every stored key with its size and last-use tick,
 * least recently used first, and the total of the sizes. Writes and reads move a key to
 * the most recent end; ticks grow with every use and are never reused.
 *
 * <p>
 * Kept in the heap so that a read costs a map update instead of a write to the store:
 * about 200 bytes per entry. It is rebuilt when the store is opened again from what the
 * backend stores beside the records: each key's {@link Stamp} (its size and the tick of
 * its last write, written with the record) and {@linkplain ReadPages pages of read
 * ticks}, written for {@link #drainTouched() batches of reads}.
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

	private int readSinceWrite;

	/**
	 * Rebuilds the list from stored stamps and read ticks.
	 * @param stamps every stored key's stamp, in any order
	 * @param reads read ticks by key, in any order; those of keys without a stamp, or
	 * older than the key's stamp, are ignored
	 * @return the list, oldest tick first
	 */
	static RecencyList restore(List<Stamp> stamps, Iterable<ReadPages.Read> reads) {
		Map<String, Slot> byKey = new LinkedHashMap<>();
		long lastTick = 0;
		for (Stamp stamp : stamps) {
			byKey.put(stamp.key(), new Slot(stamp.tick(), stamp.size()));
			lastTick = Math.max(lastTick, stamp.tick());
		}
		for (ReadPages.Read read : reads) {
			Slot slot = byKey.get(read.key());
			if (slot != null && read.tick() > slot.tick) {
				slot.tick = read.tick();
				slot.read = true;
			}
			lastTick = Math.max(lastTick, read.tick());
		}
		List<Map.Entry<String, Slot>> ordered = new ArrayList<>(byKey.entrySet());
		ordered.sort(Comparator.comparingLong((Map.Entry<String, Slot> entry) -> entry.getValue().tick));
		RecencyList list = new RecencyList();
		for (Map.Entry<String, Slot> entry : ordered) {
			list.slots.put(entry.getKey(), entry.getValue());
			list.totalBytes += entry.getValue().size;
			list.readSinceWrite += entry.getValue().read ? 1 : 0;
		}
		list.lastTick = lastTick;
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
		if (previous != null) {
			this.totalBytes -= previous.size;
			this.readSinceWrite -= previous.read ? 1 : 0;
		}
		this.totalBytes += size;
		this.touched.remove(key);
		return ByteBuffer.allocate(STAMP_SIZE).putLong(slot.tick).putInt(size).array();
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
		if (!slot.read) {
			slot.read = true;
			this.readSinceWrite++;
		}
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
		this.readSinceWrite -= slot.read ? 1 : 0;
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
			this.readSinceWrite -= entry.getValue().read ? 1 : 0;
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
	 * The read ticks of the keys read since the last call, to store; forgets them.
	 * @return the reads
	 */
	List<ReadPages.Read> drainTouched() {
		List<ReadPages.Read> reads = new ArrayList<>(this.touched.size());
		for (String key : this.touched) {
			Slot slot = this.slots.get(key);
			if (slot != null) {
				reads.add(new ReadPages.Read(key, slot.tick));
			}
		}
		this.touched.clear();
		return reads;
	}

	/**
	 * How many keys were read since they were last written.
	 * @return the count
	 */
	int readSinceWrite() {
		return this.readSinceWrite;
	}

	/**
	 * The read ticks of every key read since it was last written: what the stored pages
	 * of reads must hold at least.
	 * @return the reads
	 */
	List<ReadPages.Read> reads() {
		List<ReadPages.Read> reads = new ArrayList<>(this.readSinceWrite);
		for (Map.Entry<String, Slot> entry : this.slots.entrySet()) {
			if (entry.getValue().read) {
				reads.add(new ReadPages.Read(entry.getKey(), entry.getValue().tick));
			}
		}
		return reads;
	}

	int size() {
		return this.slots.size();
	}

	long totalBytes() {
		return this.totalBytes;
	}

	/**
	 * A key's stored stamp.
	 *
	 * @param key the key
	 * @param tick the tick of its last write
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

		/** Whether the tick is that of a read, newer than the stamp's. */
		private boolean read;

		Slot(long tick, int size) {
			this.tick = tick;
			this.size = size;
		}

	}

}
