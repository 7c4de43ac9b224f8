package dev.memoize.backend;

import java.util.List;

import dev.memoize.CacheEntry;

/**
 * One page of entries from {@link CacheBackend#scan}.
 *
 * @param entries the entries of this page
 * @param nextCursor the cursor of the next page, or {@code null} when this is the last
 */
public record EntryPage(List<CacheEntry> entries, String nextCursor) {

	/**
	 * Copies the entries.
	 */
	public EntryPage {
		entries = List.copyOf(entries);
	}

	/**
	 * Whether no page follows this one.
	 * @return {@code true} on the last page
	 */
	public boolean isLast() {
		return this.nextCursor == null;
	}

}
