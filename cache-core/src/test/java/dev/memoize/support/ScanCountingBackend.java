package dev.memoize.support;

import java.util.concurrent.atomic.AtomicInteger;

import dev.memoize.EntryFilter;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.ForwardingBackend;

/**
 * Passes every call to a real backend and counts the pages read.
 */
final class ScanCountingBackend extends ForwardingBackend {

	final AtomicInteger scans = new AtomicInteger();

	ScanCountingBackend(CacheBackend delegate) {
		super(delegate);
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		this.scans.incrementAndGet();
		return super.scan(filter, cursor, limit);
	}

}
