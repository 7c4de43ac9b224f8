package dev.memoize.benchmarks.diskcache;

/**
 * The cached services compared, each a bean of {@link DiskContenders}.
 */
public enum Contender {

	/** {@code @Memoize} on a Memoize cache of type {@code disk}. */
	MEMOIZE_DISK(MemoizedDocuments.class),

	/**
	 * {@code @Memoize} on a Memoize cache of type {@code layered}: a {@code memory} layer
	 * holding every entry over the {@code disk} cache, written through. Hits are served
	 * from the memory layer, puts are written to both.
	 */
	MEMOIZE_MEMORY_AND_DISK(LayeredMemoizedDocuments.class),

	/**
	 * {@code @Cacheable} on Ehcache with a heap tier holding every entry over a
	 * persistent disk tier: hits are served from the heap, puts are written to the disk
	 * tier.
	 */
	EHCACHE_HEAP_AND_DISK(TieredEhcacheDocuments.class),

	/**
	 * {@code @Cacheable} on Ehcache with a persistent disk tier alone: every hit reads
	 * and deserializes from the disk store.
	 */
	EHCACHE_DISK_ONLY(DiskOnlyEhcacheDocuments.class);

	private final Class<? extends Documents> beanType;

	Contender(Class<? extends Documents> beanType) {
		this.beanType = beanType;
	}

	Class<? extends Documents> beanType() {
		return this.beanType;
	}

}
