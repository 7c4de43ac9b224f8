package dev.memoize.backend.disk;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores the ticks of reads in pages: one stored value per batch of reads instead of one
 * write per read, so keeping recency across restarts costs reads almost nothing. A page
 * is a sequence of {@code int} key length, key (UTF-8), {@code long} tick; pages are
 * stored under an 8-byte big-endian sequence number.
 */
final class ReadPages {

	private ReadPages() {
	}

	/**
	 * The key of a page.
	 * @param sequence the page's sequence number
	 * @return the key
	 */
	static byte[] key(long sequence) {
		return ByteBuffer.allocate(8).putLong(sequence).array();
	}

	/**
	 * The sequence number of a page.
	 * @param key the page's key
	 * @return the sequence number, or -1 if the key is not a page's
	 */
	static long sequence(byte[] key) {
		return (key.length == 8) ? ByteBuffer.wrap(key).getLong() : -1;
	}

	/**
	 * Writes reads as one page.
	 * @param reads the reads
	 * @return the page
	 */
	static byte[] encode(List<Read> reads) {
		List<byte[]> keys = new ArrayList<>(reads.size());
		int size = 0;
		for (Read read : reads) {
			byte[] key = read.key().getBytes(StandardCharsets.UTF_8);
			keys.add(key);
			size += 4 + key.length + 8;
		}
		ByteBuffer page = ByteBuffer.allocate(size);
		for (int i = 0; i < reads.size(); i++) {
			page.putInt(keys.get(i).length).put(keys.get(i)).putLong(reads.get(i).tick());
		}
		return page.array();
	}

	/**
	 * Reads a page; a damaged page yields the reads before the damage.
	 * @param page the page
	 * @param into where to add the reads
	 */
	static void decode(byte[] page, List<Read> into) {
		ByteBuffer buffer = ByteBuffer.wrap(page);
		try {
			while (buffer.hasRemaining()) {
				int length = buffer.getInt();
				if (length < 0 || length > buffer.remaining()) {
					return;
				}
				byte[] key = new byte[length];
				buffer.get(key);
				into.add(new Read(new String(key, StandardCharsets.UTF_8), buffer.getLong()));
			}
		}
		catch (BufferUnderflowException ex) {
			// a damaged page only costs recency
		}
	}

	/**
	 * A key read at a tick.
	 *
	 * @param key the key
	 * @param tick the tick of the read
	 */
	record Read(String key, long tick) {

	}

}
