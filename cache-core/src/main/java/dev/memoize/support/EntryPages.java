package dev.memoize.support;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;

/**
 * A lazy stream over a backend's pages: the next page is read only when the previous one
 * is consumed.
 */
final class EntryPages implements Iterator<CacheEntry> {

	static final int PAGE_SIZE = 500;

	private final CacheBackend backend;

	private final EntryFilter filter;

	private Iterator<CacheEntry> page;

	private String cursor;

	private boolean last;

	private EntryPages(CacheBackend backend, EntryFilter filter) {
		this.backend = backend;
		this.filter = filter;
	}

	static Stream<CacheEntry> stream(CacheBackend backend, EntryFilter filter) {
		EntryPages pages = new EntryPages(backend, filter);
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
	}

	@Override
	public boolean hasNext() {
		while ((this.page == null || !this.page.hasNext()) && !this.last) {
			EntryPage next = this.backend.scan(this.filter, this.cursor, PAGE_SIZE);
			this.page = next.entries().iterator();
			this.cursor = next.nextCursor();
			this.last = next.isLast();
		}
		return this.page != null && this.page.hasNext();
	}

	@Override
	public CacheEntry next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		return this.page.next();
	}

}
