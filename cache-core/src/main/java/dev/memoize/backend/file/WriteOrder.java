package dev.memoize.backend.file;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry files this backend knows of, from the least to the most recently written,
 * with their keys: what {@code max-files} evicts from. A {@link LinkedHashMap} in
 * insertion order, re-inserting a file when it is written again, gives the order in
 * constant time. Thread-safe.
 */
final class WriteOrder {

	private final Map<String, String> keysByStem = new LinkedHashMap<>();

	/**
	 * Records that a file was written just now.
	 * @param stem the file's stem
	 * @param key the key of its entry
	 */
	synchronized void written(String stem, String key) {
		this.keysByStem.remove(stem);
		this.keysByStem.put(stem, key);
	}

	/**
	 * Forgets a file.
	 * @param stem the file's stem
	 */
	synchronized void removed(String stem) {
		this.keysByStem.remove(stem);
	}

	/**
	 * How many files are known.
	 * @return the count
	 */
	synchronized int size() {
		return this.keysByStem.size();
	}

	/**
	 * The least recently written file, when more than {@code limit} are known.
	 * @param limit the most files allowed
	 * @return the stem and key of the file to evict, or {@code null} when within the
	 * limit
	 */
	synchronized Map.Entry<String, String> eldestBeyond(long limit) {
		if (this.keysByStem.size() <= limit) {
			return null;
		}
		Map.Entry<String, String> eldest = this.keysByStem.entrySet().iterator().next();
		return Map.entry(eldest.getKey(), eldest.getValue());
	}

	/**
	 * Forgets a file if it is still the least recently written one.
	 * @param stem the file's stem
	 * @return whether it was, and is now forgotten
	 */
	synchronized boolean removeIfEldest(String stem) {
		Iterator<String> stems = this.keysByStem.keySet().iterator();
		if (stems.hasNext() && stems.next().equals(stem)) {
			stems.remove();
			return true;
		}
		return false;
	}

}
