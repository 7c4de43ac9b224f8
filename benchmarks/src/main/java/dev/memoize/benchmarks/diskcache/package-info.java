/**
 * Memoize with the {@code disk} backend (RocksDB) measured side by side, in one Spring
 * context, with Spring's {@code @Cacheable} on a {@code JCacheCacheManager} over Ehcache
 * 3 with a persistent disk tier: hits on pre-loaded entries and puts of fresh keys, for a
 * text of about 1 KiB and a small record. Ehcache is measured twice: with a heap tier
 * holding every entry, and with its disk tier alone, so that each of its hits reads the
 * disk store as every hit of Memoize's {@code disk} cache does; Memoize is measured twice
 * too: its {@code disk} cache alone, and a {@code memory} cache layered over it.
 *
 * <p>
 * The two do not promise the same: a Memoize put returns once it is in RocksDB's
 * write-ahead log, so it survives a crash of the process; Ehcache writes its disk tier
 * through memory-mapped files and keeps its data only across a clean close of the cache
 * manager (after a crash it wipes the disk tier on start).
 */
package dev.memoize.benchmarks.diskcache;
