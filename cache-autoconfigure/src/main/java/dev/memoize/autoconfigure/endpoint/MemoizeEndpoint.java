package dev.memoize.autoconfigure.endpoint;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.memoize.CacheEntry;
import dev.memoize.CacheStats;
import dev.memoize.EntryFilter;
import dev.memoize.MemoCache;
import dev.memoize.MemoCacheManager;
import dev.memoize.support.JsonLinesEntries;

/**
 * The {@code memoize} Actuator endpoint: lists caches with their statistics, pages
 * through and reads entries, evicts, and exports, imports or copies entries.
 *
 * <ul>
 * <li>{@code GET /actuator/memoize}: every cache with its type, size and statistics.</li>
 * <li>{@code GET /actuator/memoize/{cache}}: one cache and a page of its entries; filters
 * {@code func}, {@code annotation=name:value} (repeatable), {@code prefix}; paging
 * {@code limit} (default 20, at most 1000) and {@code offset}.</li>
 * <li>{@code GET /actuator/memoize/{cache}/{key}}: one entry.</li>
 * <li>{@code DELETE /actuator/memoize/{cache}}: clears the cache, or only what the same
 * filters select, answering the count.</li>
 * <li>{@code DELETE /actuator/memoize/{cache}/{key}}: evicts one entry.</li>
 * <li>{@code POST /actuator/memoize/{cache}} with a JSON body whose {@code action} is
 * {@code export} (answers the selected entries as JSON Lines in {@code lines}),
 * {@code import} (stores the entries of {@code lines}) or {@code copy} (copies the
 * selected entries into cache {@code to}). Actuator reads a body of string values, so
 * there {@code annotation} is one string, several pairs separated by commas.</li>
 * </ul>
 * Entries are shown as {@link JsonLinesEntries} writes them. An unknown cache or key
 * answers 404, a malformed parameter 400 with a message. Thread-safe.
 */
@Endpoint(id = "memoize")
public class MemoizeEndpoint {

	/** How many entries a page holds when no {@code limit} is given. */
	public static final int DEFAULT_LIMIT = 20;

	/** The largest {@code limit} accepted. */
	public static final int MAX_LIMIT = 1000;

	private static final String DEFAULT_TYPE = "memory";

	private final MemoCacheManager manager;

	private final Map<String, String> types;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final JsonLinesEntries lines = new JsonLinesEntries(this.mapper);

	/**
	 * Creates the endpoint.
	 * @param manager the caches
	 * @param types the configured type of each cache by name; caches absent from it are
	 * shown as {@code memory}
	 */
	public MemoizeEndpoint(MemoCacheManager manager, Map<String, String> types) {
		this.manager = Objects.requireNonNull(manager, "manager");
		this.types = Map.copyOf(types);
	}

	/**
	 * Every cache with its type, size and statistics.
	 * @return the caches by name, in configuration order
	 */
	@ReadOperation
	public CachesDescriptor caches() {
		Map<String, CacheDescriptor> caches = new LinkedHashMap<>();
		for (String name : this.manager.names()) {
			caches.put(name, describe(this.manager.cache(name)));
		}
		return new CachesDescriptor(caches);
	}

	/**
	 * One cache and a page of the entries the filters select.
	 * @param cache the cache name
	 * @param func exact function name, or {@code null}
	 * @param annotation {@code name:value} metadata pairs that must all match, or
	 * {@code null}
	 * @param prefix key prefix, or {@code null}
	 * @param limit page size, default {@value #DEFAULT_LIMIT}, at most
	 * {@value #MAX_LIMIT}
	 * @param offset how many selected entries to skip, default 0
	 * @return the cache and page, 404 for an unknown cache, 400 for a bad parameter
	 */
	@ReadOperation
	public WebEndpointResponse<Object> cache(@Selector String cache, @Nullable String func,
			@Nullable List<String> annotation, @Nullable String prefix, @Nullable Integer limit,
			@Nullable Integer offset) {
		MemoCache found = find(cache);
		if (found == null) {
			return notFound("No cache named '" + cache + "'");
		}
		int pageSize = (limit != null) ? limit : DEFAULT_LIMIT;
		int skip = (offset != null) ? offset : 0;
		if (pageSize < 0 || pageSize > MAX_LIMIT) {
			return badRequest("'limit' must be between 0 and " + MAX_LIMIT + ", not " + pageSize);
		}
		if (skip < 0) {
			return badRequest("'offset' must not be negative, not " + skip);
		}
		EntryFilter filter;
		try {
			filter = filter(func, annotation, prefix);
		}
		catch (IllegalArgumentException ex) {
			return badRequest(ex.getMessage());
		}
		List<Map<String, Object>> page;
		try (Stream<CacheEntry> entries = JsonLinesEntries.stored(found, filter)) {
			page = entries.skip(skip).limit(pageSize).map(this::describe).toList();
		}
		return new WebEndpointResponse<>(new EntriesDescriptor(describe(found), skip, pageSize, page));
	}

	/**
	 * One entry: function, inputs, output, expected value, metadata and times.
	 * @param cache the cache name
	 * @param key the full key
	 * @return the entry, or 404 for an unknown cache or key
	 */
	@ReadOperation
	public WebEndpointResponse<Object> entry(@Selector String cache, @Selector String key) {
		MemoCache found = find(cache);
		if (found == null) {
			return notFound("No cache named '" + cache + "'");
		}
		Optional<CacheEntry> entry = JsonLinesEntries.stored(found, key);
		if (entry.isEmpty()) {
			return notFound("No entry with key '" + key + "' in cache '" + cache + "'");
		}
		return new WebEndpointResponse<>(describe(entry.get()));
	}

	/**
	 * Clears a cache, or only the entries the filters select.
	 * @param cache the cache name
	 * @param func exact function name, or {@code null}
	 * @param annotation {@code name:value} metadata pairs, or {@code null}
	 * @param prefix key prefix, or {@code null}
	 * @return how many entries were removed, 404 for an unknown cache, 400 for a bad
	 * filter
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> clear(@Selector String cache, @Nullable String func,
			@Nullable List<String> annotation, @Nullable String prefix) {
		MemoCache found = find(cache);
		if (found == null) {
			return notFound("No cache named '" + cache + "'");
		}
		try {
			return new WebEndpointResponse<>(
					new RemovedDescriptor(cache, found.clear(filter(func, annotation, prefix))));
		}
		catch (IllegalArgumentException ex) {
			return badRequest(ex.getMessage());
		}
	}

	/**
	 * Evicts one entry.
	 * @param cache the cache name
	 * @param key the full key
	 * @return one removed entry, or 404 for an unknown cache or key
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> evict(@Selector String cache, @Selector String key) {
		MemoCache found = find(cache);
		if (found == null) {
			return notFound("No cache named '" + cache + "'");
		}
		if (!found.removeKey(key)) {
			return notFound("No entry with key '" + key + "' in cache '" + cache + "'");
		}
		return new WebEndpointResponse<>(new RemovedDescriptor(cache, 1));
	}

	/**
	 * Exports, imports or copies entries.
	 * @param cache the cache name
	 * @param action {@code export}, {@code import} or {@code copy}
	 * @param lines the JSON Lines to import
	 * @param to the cache a copy writes to
	 * @param func exact function name selecting what is exported or copied, or
	 * {@code null}
	 * @param annotation {@code name:value} metadata pairs, or {@code null}
	 * @param prefix key prefix, or {@code null}
	 * @return the count, with the lines of an export; 404 for an unknown cache, 400 for a
	 * bad action, filter or line
	 */
	@WriteOperation
	public WebEndpointResponse<Object> transfer(@Selector String cache, String action, @Nullable String lines,
			@Nullable String to, @Nullable String func, @Nullable List<String> annotation, @Nullable String prefix) {
		MemoCache found = find(cache);
		if (found == null) {
			return notFound("No cache named '" + cache + "'");
		}
		try {
			EntryFilter filter = filter(func, annotation, prefix);
			return switch (action) {
				case "export" -> exportFrom(found, filter);
				case "import" -> importInto(found, lines);
				case "copy" -> copy(found, to, filter);
				default -> badRequest("'action' must be export, import or copy, not '" + action + "'");
			};
		}
		catch (IllegalArgumentException ex) {
			return badRequest(ex.getMessage());
		}
	}

	private WebEndpointResponse<Object> exportFrom(MemoCache cache, EntryFilter filter) {
		StringWriter out = new StringWriter();
		long count = this.lines.exportTo(cache, filter, out);
		return new WebEndpointResponse<>(new TransferDescriptor(cache.name(), "export", count, null, out.toString()));
	}

	private WebEndpointResponse<Object> importInto(MemoCache cache, @Nullable String body) {
		if (body == null) {
			return badRequest("'lines' with the JSON Lines to import is required");
		}
		long count = this.lines.importFrom(cache, new StringReader(body));
		return new WebEndpointResponse<>(new TransferDescriptor(cache.name(), "import", count, null, null));
	}

	private WebEndpointResponse<Object> copy(MemoCache cache, @Nullable String to, EntryFilter filter) {
		if (to == null || to.isEmpty()) {
			return badRequest("'to' naming the target cache is required");
		}
		if (find(to) == null) {
			return notFound("No cache named '" + to + "'");
		}
		long count = this.manager.copy(cache.name(), to, filter);
		return new WebEndpointResponse<>(new TransferDescriptor(cache.name(), "copy", count, to, null));
	}

	private @Nullable MemoCache find(String name) {
		return this.manager.names().contains(name) ? this.manager.cache(name) : null;
	}

	private CacheDescriptor describe(MemoCache cache) {
		CacheStats stats = cache.stats();
		return new CacheDescriptor(cache.name(), this.types.getOrDefault(cache.name(), DEFAULT_TYPE), cache.size(),
				new StatsDescriptor(stats.hits(), stats.misses(), stats.hitRate(), stats.puts(), stats.evictions(),
						stats.errors(), stats.loads(), stats.averageLoadNanos() / 1_000_000.0));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> describe(CacheEntry entry) {
		return this.mapper.treeToValue(this.lines.toJson(entry), LinkedHashMap.class);
	}

	/**
	 * Builds the filter of the {@code func}, {@code annotation} and {@code prefix}
	 * parameters.
	 * @throws IllegalArgumentException if an annotation is not {@code name:value}
	 */
	static EntryFilter filter(@Nullable String func, @Nullable List<String> annotations, @Nullable String prefix) {
		EntryFilter filter = new EntryFilter(func, prefix, Map.of());
		if (annotations != null) {
			for (String pair : annotations) {
				int colon = pair.indexOf(':');
				if (colon <= 0) {
					throw new IllegalArgumentException("'annotation' must be name:value, not '" + pair + "'");
				}
				filter = filter.andAnnotation(pair.substring(0, colon), pair.substring(colon + 1));
			}
		}
		return filter;
	}

	private static WebEndpointResponse<Object> notFound(String message) {
		return new WebEndpointResponse<>(new ErrorDescriptor(message), WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private static WebEndpointResponse<Object> badRequest(String message) {
		return new WebEndpointResponse<>(new ErrorDescriptor(message), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	/**
	 * Every cache.
	 *
	 * @param caches the caches by name
	 */
	public record CachesDescriptor(Map<String, CacheDescriptor> caches) {
	}

	/**
	 * One cache.
	 *
	 * @param name the cache name
	 * @param type the configured backend type
	 * @param size the number of entries stored
	 * @param stats the counters
	 */
	public record CacheDescriptor(String name, String type, long size, StatsDescriptor stats) {
	}

	/**
	 * A cache's counters since start-up.
	 *
	 * @param hits lookups served from the cache
	 * @param misses lookups that found nothing
	 * @param hitRate share of lookups that were hits, 0 to 1
	 * @param puts entries written
	 * @param evictions entries removed
	 * @param errors backend faults and undecodable entries
	 * @param loads computations run on a miss
	 * @param averageLoadMillis mean time of one computation in milliseconds
	 */
	public record StatsDescriptor(long hits, long misses, double hitRate, long puts, long evictions, long errors,
			long loads, double averageLoadMillis) {
	}

	/**
	 * One cache and a page of its entries.
	 *
	 * @param cache the cache
	 * @param offset how many selected entries were skipped
	 * @param limit the page size asked for
	 * @param entries the entries of the page, as {@link JsonLinesEntries} writes them
	 */
	public record EntriesDescriptor(CacheDescriptor cache, int offset, int limit, List<Map<String, Object>> entries) {
	}

	/**
	 * The result of an eviction or clear.
	 *
	 * @param cache the cache name
	 * @param removed how many entries were removed
	 */
	public record RemovedDescriptor(String cache, long removed) {
	}

	/**
	 * The result of an export, import or copy.
	 *
	 * @param cache the cache name
	 * @param action what was done
	 * @param count how many entries were exported, imported or copied
	 * @param to the target cache of a copy, else {@code null}
	 * @param lines the JSON Lines of an export, else {@code null}
	 */
	public record TransferDescriptor(String cache, String action, long count, @Nullable String to,
			@Nullable String lines) {
	}

	/**
	 * Why a request was refused.
	 *
	 * @param message what is wrong
	 */
	public record ErrorDescriptor(String message) {
	}

}
