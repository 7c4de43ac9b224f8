package dev.memoize.backend.redis;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The key snapshots of the paged scans in progress, by id. Bounded by the total number of
 * keys held and by idle time: a scan abandoned half-way is forgotten, and a scan whose
 * snapshot was forgotten takes a new one (see {@link RedisBackend#scan}). Thread-safe.
 */
final class KeySnapshots {

	/** Most keys held over all snapshots. */
	static final long MAX_KEYS = 2_000_000;

	/** How long an unused snapshot is kept. */
	static final Duration IDLE = Duration.ofMinutes(10);

	private final Cache<String, KeySnapshot> snapshots = Caffeine.newBuilder()
		.maximumWeight(MAX_KEYS)
		.weigher((String id, KeySnapshot snapshot) -> snapshot.weight())
		.expireAfterAccess(IDLE)
		.executor(Runnable::run)
		.build();

	/**
	 * Keeps a new snapshot.
	 * @param snapshot the snapshot
	 * @return its id
	 */
	String add(KeySnapshot snapshot) {
		String id = UUID.randomUUID().toString().replace("-", "");
		this.snapshots.put(id, snapshot);
		return id;
	}

	/**
	 * Keeps a snapshot under an existing id, replacing a forgotten one.
	 * @param id the id
	 * @param snapshot the snapshot
	 */
	void put(String id, KeySnapshot snapshot) {
		this.snapshots.put(id, snapshot);
	}

	/**
	 * The snapshot with the id, if it is still kept and was found with the pattern.
	 * @param id the id
	 * @param pattern the pattern of the scan asking
	 * @return the snapshot, or {@code null}
	 */
	KeySnapshot find(String id, byte[] pattern) {
		KeySnapshot snapshot = this.snapshots.getIfPresent(id);
		return (snapshot != null && snapshot.foundWith(pattern)) ? snapshot : null;
	}

	void remove(String id) {
		this.snapshots.invalidate(id);
	}

	void clear() {
		this.snapshots.invalidateAll();
	}

}
