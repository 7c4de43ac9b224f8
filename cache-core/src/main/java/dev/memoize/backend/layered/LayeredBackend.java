package dev.memoize.backend.layered;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.memoize.CacheEntry;
import dev.memoize.EntryFilter;
import dev.memoize.backend.BackendContext;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.EntryPage;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * A backend over the backends of other caches, its layers, ordered fastest first: say a
 * memory cache over a Redis or JDBC cache. The lowest layer is the authoritative one.
 *
 * <ul>
 * <li><b>Reads</b> ask the layers from the top; the first hit wins. A hit in a lower
 * layer is copied into every layer above it according to the {@link Promotion}.
 * {@link #getAll} asks each layer once, for the keys still missing. A layer that fails is
 * passed over; a read fails only when no layer hits and one failed.</li>
 * <li><b>Writes</b> follow the {@link WriteStrategy}: every layer lowest first, the top
 * layer now and the others in batches later, or the lowest layer only (the key is then
 * removed from the layers above).</li>
 * <li><b>Removals and clears</b> apply to every layer, lowest first, and to queued
 * write-back entries. The count a clear returns is the lowest layer's.</li>
 * <li>{@link #scan} and {@link #size} are the lowest layer's, after the write-back queue
 * has been flushed to it.</li>
 * <li><b>Values.</b> When every layer keeps live objects, so does this backend. Otherwise
 * it {@link #storesLiveObjects() does not}: the engine hands it encoded values, and every
 * layer, in-heap ones included, stores the same encoded entry. An in-heap layer then
 * saves the round trip to the lower layers but not the decoding of the value on each hit;
 * in exchange an entry reads the same from every layer, and promotion and write-back copy
 * entries between layers without encoding them again. In-heap layers must therefore come
 * before persistent ones.</li>
 * <li><b>Consistency.</b> Changes of a key and promotions of it are ordered by striped
 * locks, so a promotion never puts back an entry that a concurrent write or removal
 * replaced. Each put, removal and clear is announced on the {@link InvalidationChannel},
 * after the lower layers hold it (for write-back, when its batch is flushed); other
 * instances drop the keys from their in-heap layers, and empty them when their channel
 * was lost for a while.</li>
 * </ul>
 * The layers belong to their caches: this backend never closes them; their caches must
 * close after it. Thread-safe.
 */
public final class LayeredBackend implements CacheBackend {

	private static final Logger logger = LoggerFactory.getLogger(LayeredBackend.class);

	/** Most keys one invalidation message names. */
	private static final int KEYS_PER_MESSAGE = 1000;

	private final String cacheName;

	private final Clock clock;

	private final List<Layer> layers;

	private final List<Layer> inHeapLayers;

	private final Layer lowest;

	private final boolean live;

	private final LayeredOptions options;

	private final PromotionPolicy promotion;

	private final KeyLocks locks = new KeyLocks();

	private final WriteBehind writeBehind;

	private final InvalidationChannel channel;

	private final String instance = UUID.randomUUID().toString();

	private LayeredBackend(List<Layer> layers, LayeredOptions options, InvalidationChannel channel,
			BackendContext context) {
		this.cacheName = context.cacheName();
		this.clock = context.clock();
		this.layers = List.copyOf(layers);
		this.inHeapLayers = this.layers.stream().filter(Layer::inHeap).toList();
		this.lowest = this.layers.get(this.layers.size() - 1);
		this.live = this.inHeapLayers.size() == this.layers.size();
		this.options = options;
		this.promotion = PromotionPolicy.of(options.promotion(), options.promotionThreshold());
		this.channel = channel;
		this.writeBehind = (options.write() == WriteStrategy.WRITE_BACK) ? new WriteBehind(this.cacheName,
				reversed(this.layers.subList(1, this.layers.size())), options, this::announceWritten) : null;
	}

	/**
	 * Creates a backend, starts its write-back thread if it has one, and subscribes it to
	 * the channel.
	 * @param layers the layers, fastest first: at least two, each backend once, in-heap
	 * layers before the others
	 * @param options promotion and writes
	 * @param channel where changes are announced to other instances, and theirs received;
	 * {@link InvalidationChannel#NONE} for none. Closed with this backend
	 * @param context the cache name and clock
	 * @return the backend
	 * @throws IllegalArgumentException if the layers break a rule above
	 */
	public static LayeredBackend create(List<Layer> layers, LayeredOptions options, InvalidationChannel channel,
			BackendContext context) {
		check(layers);
		Objects.requireNonNull(options, "options");
		Objects.requireNonNull(channel, "channel");
		LayeredBackend backend = new LayeredBackend(layers, options, channel, context);
		if (backend.writeBehind != null) {
			backend.writeBehind.start();
		}
		channel.subscribe(backend.new Receiver());
		return backend;
	}

	/**
	 * Checks that layers can make a layered cache: at least two, each name and backend
	 * once, and no in-heap layer below one that is not in the heap.
	 * @param layers the layers, fastest first
	 * @throws IllegalArgumentException saying which rule the layers break
	 */
	public static void check(List<Layer> layers) {
		if (layers == null || layers.size() < 2) {
			throw new IllegalArgumentException("a layered cache needs at least 2 layers, fastest first; it has "
					+ ((layers != null) ? layers.size() : 0));
		}
		Set<String> names = new HashSet<>();
		Set<CacheBackend> backends = Collections.newSetFromMap(new IdentityHashMap<>());
		Layer persistent = null;
		for (Layer layer : layers) {
			if (!names.add(layer.name()) || !backends.add(layer.backend())) {
				throw new IllegalArgumentException("'" + layer.name() + "' is listed twice");
			}
			if (!layer.inHeap() && persistent == null) {
				persistent = layer;
			}
			else if (layer.inHeap() && persistent != null) {
				throw new IllegalArgumentException("in-heap layer '" + layer.name() + "' comes after layer '"
						+ persistent.name() + "', which is not in the heap: list the layers fastest first");
			}
		}
	}

	private static List<Layer> reversed(List<Layer> layers) {
		List<Layer> reversed = new ArrayList<>(layers);
		Collections.reverse(reversed);
		return reversed;
	}

	/**
	 * The layers, fastest first.
	 * @return the layers
	 */
	public List<Layer> layers() {
		return this.layers;
	}

	/**
	 * How this backend promotes and writes.
	 * @return the options
	 */
	public LayeredOptions options() {
		return this.options;
	}

	/**
	 * Where this backend announces its changes.
	 * @return the channel
	 */
	public InvalidationChannel channel() {
		return this.channel;
	}

	/**
	 * The id this backend signs its invalidation messages with.
	 * @return the instance id
	 */
	public String instance() {
		return this.instance;
	}

	/**
	 * Writes the queued write-back entries to the lower layers now. Does nothing for the
	 * other write strategies.
	 * @throws BackendException if a lower layer fails
	 */
	public void flush() {
		if (this.writeBehind != null) {
			this.writeBehind.flush();
		}
	}

	@Override
	public boolean storesLiveObjects() {
		return this.live;
	}

	@Override
	public Lookup get(MemoKey key) {
		long stamp = this.locks.stamp(key.key());
		Throwable failure = null;
		for (int index = 0; index < this.layers.size(); index++) {
			Lookup lookup = (index == 1) ? queued(key.key()) : null;
			if (lookup == null) {
				lookup = read(this.layers.get(index), key);
			}
			if (lookup instanceof Lookup.Hit hit) {
				if (index > 0 && this.promotion.promote(key.key())) {
					promote(List.of(hit.entry()), Map.of(key.key(), stamp), index);
				}
				return hit;
			}
			if (lookup instanceof Lookup.Failure failed && failure == null) {
				failure = failed.cause();
			}
		}
		return (failure != null) ? Lookup.failure(failure) : Lookup.miss();
	}

	@Override
	public Map<String, Lookup> getAll(Collection<MemoKey> keys) {
		Map<String, Lookup> result = new LinkedHashMap<>();
		Map<String, MemoKey> missing = new LinkedHashMap<>();
		Map<String, Long> stamps = new LinkedHashMap<>();
		for (MemoKey key : keys) {
			result.put(key.key(), Lookup.miss());
			if (missing.putIfAbsent(key.key(), key) == null) {
				stamps.put(key.key(), this.locks.stamp(key.key()));
			}
		}
		for (int index = 0; index < this.layers.size() && !missing.isEmpty(); index++) {
			Map<String, Lookup> found = (index == 1) ? queued(missing.keySet()) : new LinkedHashMap<>();
			found.putAll(readAll(this.layers.get(index), missing.values()));
			List<CacheEntry> promoted = new ArrayList<>();
			for (Map.Entry<String, Lookup> lookup : found.entrySet()) {
				if (lookup.getValue() instanceof Lookup.Hit hit) {
					result.put(lookup.getKey(), hit);
					missing.remove(lookup.getKey());
					if (index > 0 && this.promotion.promote(lookup.getKey())) {
						promoted.add(hit.entry());
					}
				}
				else if (lookup.getValue() instanceof Lookup.Failure && result.get(lookup.getKey()) == Lookup.miss()) {
					result.put(lookup.getKey(), lookup.getValue());
				}
			}
			if (!promoted.isEmpty()) {
				promote(promoted, stamps, index);
			}
		}
		return result;
	}

	/**
	 * A hit on the queued write-back entry of a key, which is newer than what the lower
	 * layers hold, or {@code null} when none is queued that has not expired.
	 */
	private Lookup queued(String key) {
		CacheEntry entry = (this.writeBehind != null) ? this.writeBehind.pending(key) : null;
		return (entry != null && !entry.isExpired(this.clock.instant())) ? Lookup.hit(entry) : null;
	}

	private Map<String, Lookup> queued(Collection<String> keys) {
		Map<String, Lookup> found = new LinkedHashMap<>();
		if (this.writeBehind != null) {
			for (String key : keys) {
				Lookup lookup = queued(key);
				if (lookup != null) {
					found.put(key, lookup);
				}
			}
		}
		return found;
	}

	private static Lookup read(Layer layer, MemoKey key) {
		try {
			Lookup lookup = layer.backend().get(key);
			return (lookup != null) ? lookup : Lookup.miss();
		}
		catch (RuntimeException ex) {
			return Lookup.failure(ex);
		}
	}

	private static Map<String, Lookup> readAll(Layer layer, Collection<MemoKey> keys) {
		Map<String, Lookup> found = new LinkedHashMap<>();
		try {
			Map<String, Lookup> lookups = layer.backend().getAll(List.copyOf(keys));
			for (MemoKey key : keys) {
				found.putIfAbsent(key.key(), lookups.getOrDefault(key.key(), Lookup.miss()));
			}
		}
		catch (RuntimeException ex) {
			Lookup failure = Lookup.failure(ex);
			keys.forEach((key) -> found.putIfAbsent(key.key(), failure));
		}
		return found;
	}

	/**
	 * Copies entries found in a layer into every layer above it, lowest first, unless a
	 * change of their keys came in between. A layer that fails ends the promotion: a read
	 * never fails for it.
	 */
	private void promote(List<CacheEntry> entries, Map<String, Long> stamps, int foundAt) {
		this.locks.promote(entries, stamps, (current) -> {
			for (int index = foundAt - 1; index >= 0; index--) {
				Layer layer = this.layers.get(index);
				try {
					store(layer, current);
				}
				catch (RuntimeException ex) {
					logger.debug("Cache '{}' could not promote {} entries into layer '{}'", this.cacheName,
							current.size(), layer.name(), ex);
					return;
				}
			}
		});
	}

	@Override
	public void put(CacheEntry entry) {
		putAll(List.of(entry));
	}

	@Override
	public void putAll(List<CacheEntry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		List<String> keys = entries.stream().map(CacheEntry::key).toList();
		switch (this.options.write()) {
			case WRITE_THROUGH -> {
				this.locks.change(keys, () -> writeThrough(entries, keys));
				announceWritten(keys);
			}
			case WRITE_BACK -> {
				this.locks.change(keys, () -> {
					store(this.layers.get(0), entries, keys, 0);
					this.writeBehind.addAll(entries);
					return null;
				});
				if (this.writeBehind.full()) {
					this.writeBehind.flush();
				}
			}
			case WRITE_AROUND -> {
				this.locks.change(keys, () -> {
					store(this.lowest, entries, keys, this.layers.size() - 1);
					for (int index = this.layers.size() - 2; index >= 0; index--) {
						removeAll(this.layers.get(index), keys);
					}
					return null;
				});
				announceWritten(keys);
			}
		}
	}

	private Void writeThrough(List<CacheEntry> entries, List<String> keys) {
		for (int index = this.layers.size() - 1; index >= 0; index--) {
			store(this.layers.get(index), entries, keys, index);
		}
		return null;
	}

	/**
	 * Writes entries into a layer. When the layer fails, the keys are removed from it and
	 * the layers above, as far as they allow, so that none of them keeps serving an entry
	 * that the layers below have replaced.
	 */
	private void store(Layer layer, List<CacheEntry> entries, List<String> keys, int index) {
		try {
			store(layer, entries);
		}
		catch (RuntimeException ex) {
			for (int above = index; above >= 0; above--) {
				try {
					removeAll(this.layers.get(above), keys);
				}
				catch (RuntimeException removal) {
					ex.addSuppressed(removal);
				}
			}
			throw failed("write", layer, ex);
		}
	}

	private static void store(Layer layer, List<CacheEntry> entries) {
		if (entries.size() == 1) {
			layer.backend().put(entries.get(0));
		}
		else {
			layer.backend().putAll(entries);
		}
	}

	private static boolean removeAll(Layer layer, Collection<String> keys) {
		boolean removed = false;
		for (String key : keys) {
			removed |= layer.backend().remove(key);
		}
		return removed;
	}

	@Override
	public boolean remove(String key) {
		boolean removed = exclusiveOfFlush(() -> this.locks.change(List.of(key), () -> {
			boolean found = this.writeBehind != null && this.writeBehind.drop(key);
			for (int index = this.layers.size() - 1; index >= 0; index--) {
				Layer layer = this.layers.get(index);
				try {
					found |= layer.backend().remove(key);
				}
				catch (RuntimeException ex) {
					throw failed("remove an entry from", layer, ex);
				}
			}
			return found;
		}));
		announce(Invalidation.removed(this.cacheName, this.instance, key));
		return removed;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Queued write-back entries are first written to the lower layers, so that the count
	 * is exact. The lowest layer is cleared first, then the others under every lock, so
	 * that no promotion of an entry read before the clear survives it.
	 */
	@Override
	public long clear(EntryFilter filter) {
		long removed = exclusiveOfFlush(() -> {
			flush();
			long count = clear(this.lowest, filter);
			this.locks.changeAll(() -> {
				for (int index = this.layers.size() - 2; index >= 0; index--) {
					clear(this.layers.get(index), filter);
				}
				return null;
			});
			return count;
		});
		announce(Invalidation.cleared(this.cacheName, this.instance, filter));
		return removed;
	}

	private long clear(Layer layer, EntryFilter filter) {
		try {
			return layer.backend().clear(filter);
		}
		catch (RuntimeException ex) {
			throw failed("clear", layer, ex);
		}
	}

	@Override
	public EntryPage scan(EntryFilter filter, String cursor, int limit) {
		if (cursor == null) {
			flush();
		}
		return this.lowest.backend().scan(filter, cursor, limit);
	}

	@Override
	public long size() {
		flush();
		return this.lowest.backend().size();
	}

	/**
	 * Writes the write-back queue to the lower layers, then closes the invalidation
	 * channel. The layers stay open.
	 * @throws BackendException if queued entries could not be written
	 */
	@Override
	public void close() {
		try {
			if (this.writeBehind != null) {
				this.writeBehind.close();
			}
		}
		finally {
			this.channel.close();
		}
	}

	private <T> T exclusiveOfFlush(Supplier<T> action) {
		return (this.writeBehind != null) ? this.writeBehind.exclusive(action) : action.get();
	}

	private BackendException failed(String operation, Layer layer, RuntimeException ex) {
		return new BackendException("Cache '" + this.cacheName + "' failed to " + operation + " layer '" + layer.name()
				+ "': " + ex.getMessage(), ex);
	}

	private void announceWritten(List<String> keys) {
		for (int from = 0; from < keys.size(); from += KEYS_PER_MESSAGE) {
			List<String> part = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_MESSAGE));
			announce(Invalidation.written(this.cacheName, this.instance, part));
		}
	}

	private void announce(Invalidation invalidation) {
		this.channel.publish(invalidation);
	}

	@Override
	public String toString() {
		return "LayeredBackend[" + this.cacheName + ": "
				+ String.join(" > ", this.layers.stream().map(Layer::name).toList()) + ", " + this.options.write()
				+ ", promotion " + this.options.promotion() + ", " + this.channel + "]";
	}

	/**
	 * Applies other instances' messages to the in-heap layers of this one.
	 */
	private final class Receiver implements InvalidationListener {

		@Override
		public void invalidated(Invalidation invalidation) {
			if (!LayeredBackend.this.cacheName.equals(invalidation.cache())
					|| LayeredBackend.this.instance.equals(invalidation.instance())) {
				return;
			}
			switch (invalidation.operation()) {
				case PUT -> dropFromHeap(invalidation.keys());
				case REMOVE -> exclusiveOfFlush(() -> {
					if (LayeredBackend.this.writeBehind != null) {
						invalidation.keys().forEach(LayeredBackend.this.writeBehind::drop);
					}
					dropFromHeap(invalidation.keys());
					return null;
				});
				case CLEAR -> exclusiveOfFlush(() -> {
					if (LayeredBackend.this.writeBehind != null) {
						LayeredBackend.this.writeBehind.drop(invalidation.filter());
					}
					clearHeap(invalidation.filter());
					return null;
				});
			}
		}

		@Override
		public void resumed() {
			logger.info("Cache '{}' empties its in-heap layers: invalidations of other instances may have been "
					+ "missed while its channel was down", LayeredBackend.this.cacheName);
			clearHeap(EntryFilter.ALL);
		}

		private void dropFromHeap(List<String> keys) {
			for (String key : keys) {
				LayeredBackend.this.locks.change(List.of(key), () -> {
					for (Layer layer : LayeredBackend.this.inHeapLayers) {
						layer.backend().remove(key);
					}
					return null;
				});
			}
		}

		private void clearHeap(EntryFilter filter) {
			LayeredBackend.this.locks.changeAll(() -> {
				for (Layer layer : LayeredBackend.this.inHeapLayers) {
					layer.backend().clear(filter);
				}
				return null;
			});
		}

	}

}
