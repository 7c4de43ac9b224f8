package dev.memoize.backend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;

/**
 * Pages over entries held in the heap, ordered by key: the cursor is the last key of the
 * previous page, so a scan stays correct while entries are added or removed. Shared by
 * the in-heap backends.
 */
public final class InHeapPages {

	private InHeapPages() {
	}

	/**
	 * Cuts one page from a snapshot of entries.
	 * @param snapshot the entries, in any order
	 * @param filter the filter
	 * @param cursor the last key of the previous page, or {@code null}
	 * @param limit the page size, at least 1
	 * @param now the instant that decides expiry
	 * @return the page
	 */
	public static EntryPage page(Iterable<CacheEntry> snapshot, EntryFilter filter, String cursor, int limit,
			Instant now) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		List<CacheEntry> selected = new ArrayList<>();
		for (CacheEntry entry : snapshot) {
			if ((cursor == null || entry.key().compareTo(cursor) > 0) && !entry.isExpired(now)
					&& filter.matches(entry)) {
				selected.add(entry);
			}
		}
		selected.sort(Comparator.comparing(CacheEntry::key));
		if (selected.size() <= limit) {
			return new EntryPage(selected, null);
		}
		List<CacheEntry> page = selected.subList(0, limit);
		return new EntryPage(page, page.get(limit - 1).key());
	}

}
