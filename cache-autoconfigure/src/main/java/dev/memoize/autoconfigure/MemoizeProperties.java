package dev.memoize.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import dev.memoize.backend.layered.Promotion;
import dev.memoize.backend.layered.WriteStrategy;
import dev.memoize.backend.memory.Eviction;

/**
 * Configuration of Memoize, under the {@code memoize} prefix.
 */
@ConfigurationProperties("memoize")
public class MemoizeProperties {

	/**
	 * Name of the cache that @Memoize methods without a cache attribute use. Created as
	 * an in-memory cache when it is not configured under memoize.caches.
	 */
	private String defaultCache = "default";

	/**
	 * Whether a backend fault computes the result instead of failing the call. The fault
	 * is counted and logged either way.
	 */
	private boolean failOpen = true;

	private final Key key = new Key();

	private final Codec codec = new Codec();

	/**
	 * Caches by name.
	 */
	private Map<String, Cache> caches = new LinkedHashMap<>();

	public String getDefaultCache() {
		return this.defaultCache;
	}

	public void setDefaultCache(String defaultCache) {
		this.defaultCache = defaultCache;
	}

	public boolean isFailOpen() {
		return this.failOpen;
	}

	public void setFailOpen(boolean failOpen) {
		this.failOpen = failOpen;
	}

	public Key getKey() {
		return this.key;
	}

	public Codec getCodec() {
		return this.codec;
	}

	public Map<String, Cache> getCaches() {
		return this.caches;
	}

	public void setCaches(Map<String, Cache> caches) {
		this.caches = caches;
	}

	/**
	 * What goes into every key besides the function and its inputs.
	 */
	public static class Key {

		/**
		 * Version that is part of every key; change it to invalidate every stored entry.
		 */
		private String version = "1";

		/**
		 * Names of configuration properties whose values are part of every key, so
		 * changing one (say the model name) invalidates. Each must be set.
		 */
		private List<String> includeProperties = new ArrayList<>();

		public String getVersion() {
			return this.version;
		}

		public void setVersion(String version) {
			this.version = version;
		}

		public List<String> getIncludeProperties() {
			return this.includeProperties;
		}

		public void setIncludeProperties(List<String> includeProperties) {
			this.includeProperties = includeProperties;
		}

	}

	/**
	 * How values are stored by backends that persist them.
	 */
	public static class Codec {

		/**
		 * Class-name patterns (com.acme.Answer, com.acme.* or com.acme.**) of
		 * Serializable types stored with Java serialization instead of JSON, and the only
		 * classes such a stored value may contain when read back.
		 */
		private List<String> javaSerialization = new ArrayList<>();

		public List<String> getJavaSerialization() {
			return this.javaSerialization;
		}

		public void setJavaSerialization(List<String> javaSerialization) {
			this.javaSerialization = javaSerialization;
		}

	}

	/**
	 * One named cache.
	 */
	public static class Cache {

		/**
		 * Backend type: memory, disk (with org.rocksdb:rocksdbjni on the class path),
		 * file, jdbc, redis, layered, noop or callback, or the type of a
		 * CacheBackendFactory bean.
		 */
		private String type = "memory";

		/**
		 * Time to live of entries whose method sets none. Entries never expire when
		 * unset.
		 */
		private Duration ttl;

		private final Memory memory = new Memory();

		private final Disk disk = new Disk();

		private final File file = new File();

		private final Jdbc jdbc = new Jdbc();

		private final Redis redis = new Redis();

		private final Layered layered = new Layered();

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			this.type = type;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Memory getMemory() {
			return this.memory;
		}

		public Disk getDisk() {
			return this.disk;
		}

		public File getFile() {
			return this.file;
		}

		public Jdbc getJdbc() {
			return this.jdbc;
		}

		public Redis getRedis() {
			return this.redis;
		}

		public Layered getLayered() {
			return this.layered;
		}

	}

	/**
	 * Settings of a memory cache.
	 */
	public static class Memory {

		/**
		 * Most entries kept; the eviction policy picks which entry makes room.
		 */
		private long maxEntries = 10_000;

		/**
		 * Entry dropped when the cache is full: tinylfu (Caffeine's W-TinyLFU), lru, lfu,
		 * fifo or random.
		 */
		private Eviction eviction = Eviction.TINYLFU;

		public long getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(long maxEntries) {
			this.maxEntries = maxEntries;
		}

		public Eviction getEviction() {
			return this.eviction;
		}

		public void setEviction(Eviction eviction) {
			this.eviction = eviction;
		}

	}

	/**
	 * Settings of a disk cache.
	 */
	public static class Disk {

		/**
		 * Directory of the store. Defaults to .memoize/disk/{cache name}.
		 */
		private String directory;

		/**
		 * Most bytes the store keeps, counted as the size of the entries' keys and
		 * records before compression; the least recently used entries are evicted beyond
		 * it.
		 */
		private DataSize sizeLimit = DataSize.ofGigabytes(1);

		public String getDirectory() {
			return this.directory;
		}

		public void setDirectory(String directory) {
			this.directory = directory;
		}

		public DataSize getSizeLimit() {
			return this.sizeLimit;
		}

		public void setSizeLimit(DataSize sizeLimit) {
			this.sizeLimit = sizeLimit;
		}

	}

	/**
	 * Settings of a file cache.
	 */
	public static class File {

		/**
		 * Directory of the JSON files. Defaults to .memoize/files/{cache name}.
		 */
		private String directory;

		/**
		 * Most files kept; the least recently written are evicted beyond it.
		 */
		private long maxFiles = 100_000;

		public String getDirectory() {
			return this.directory;
		}

		public void setDirectory(String directory) {
			this.directory = directory;
		}

		public long getMaxFiles() {
			return this.maxFiles;
		}

		public void setMaxFiles(long maxFiles) {
			this.maxFiles = maxFiles;
		}

	}

	/**
	 * Settings of a JDBC cache.
	 */
	public static class Jdbc {

		/**
		 * JDBC URL of the cache's own database (SQLite, PostgreSQL, MySQL or MariaDB).
		 * When unset, the application's DataSource is used if there is one, else SQLite
		 * at .memoize/{cache name}.db.
		 */
		private String url;

		/**
		 * Login user of the cache's own database.
		 */
		private String username;

		/**
		 * Login password of the cache's own database.
		 */
		private String password;

		/**
		 * Name of the table that holds the entries: lowercase letters, digits and
		 * underscores, at most 40 characters. Caches may share a table; each sees only
		 * its own rows. Its Flyway history is memoize_schema_history for the default
		 * table, {table}_schema_history for another.
		 */
		private String table = "memoize_entries";

		/**
		 * Most entries kept; the least recently written are evicted beyond it. 0 means no
		 * limit.
		 */
		private long maxEntries = 0;

		/**
		 * How often expired rows are deleted in the background.
		 */
		private Duration purgeInterval = Duration.ofMinutes(5);

		/**
		 * Largest number of connections of the cache's own pool, at least 2.
		 */
		private int maximumPoolSize = 10;

		/**
		 * Longest wait for the database: the query timeout of every statement (whole
		 * seconds, rounded up), and, on the cache's own pool (url), the wait for a
		 * connection (HikariCP connectionTimeout, at least 250ms) and the driver's
		 * connect and socket read timeout (SQLite: its busy timeout). On the
		 * application's DataSource only the statement timeout applies: the wait for a
		 * connection and the socket timeouts are that pool's own settings.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

		public long getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(long maxEntries) {
			this.maxEntries = maxEntries;
		}

		public Duration getPurgeInterval() {
			return this.purgeInterval;
		}

		public void setPurgeInterval(Duration purgeInterval) {
			this.purgeInterval = purgeInterval;
		}

		public int getMaximumPoolSize() {
			return this.maximumPoolSize;
		}

		public void setMaximumPoolSize(int maximumPoolSize) {
			this.maximumPoolSize = maximumPoolSize;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Settings of a Redis cache.
	 */
	public static class Redis {

		/**
		 * URL of the cache's own Redis server: redis://[user:password@]host[:port][/db],
		 * rediss:// for TLS, or redis-sentinel://. When neither this nor cluster-nodes is
		 * set, the application's RedisConnectionFactory is used.
		 */
		private String url;

		/**
		 * Nodes (host:port) of a Redis Cluster, instead of a url.
		 */
		private List<String> clusterNodes = new ArrayList<>();

		/**
		 * Prefix of every Redis key the cache writes. Defaults to memoize:{cache name}:.
		 */
		private String keyPrefix;

		/**
		 * Longest wait for a connection or one Redis command, on the cache's own
		 * connections (url or cluster-nodes).
		 */
		private Duration timeout = Duration.ofSeconds(2);

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public List<String> getClusterNodes() {
			return this.clusterNodes;
		}

		public void setClusterNodes(List<String> clusterNodes) {
			this.clusterNodes = clusterNodes;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Settings of a layered cache: a stack of other caches, fastest first.
	 */
	public static class Layered {

		/**
		 * Names of the caches this cache is layered over, fastest first: in-heap (memory)
		 * caches before the others, the authoritative one last. At least two, each
		 * configured under memoize.caches (or the default cache), none of them this
		 * cache.
		 */
		private List<String> layers = new ArrayList<>();

		/**
		 * When an entry found in a lower layer is copied into the layers above it:
		 * always, never, or frequency (once it was found there promotion-threshold
		 * times).
		 */
		private Promotion promotion = Promotion.ALWAYS;

		/**
		 * Hits of one key in lower layers after which frequency promotion copies it into
		 * the layers above; at least 1.
		 */
		private int promotionThreshold = 2;

		/**
		 * How entries are written: write-through (every layer, lowest first, before the
		 * call returns), write-back (the top layer now, the others in batches from a
		 * background thread, the rest on shutdown) or write-around (the lowest layer
		 * only; the key is removed from the layers above).
		 */
		private WriteStrategy write = WriteStrategy.WRITE_THROUGH;

		private final WriteBack writeBack = new WriteBack();

		private final Invalidation invalidation = new Invalidation();

		public List<String> getLayers() {
			return this.layers;
		}

		public void setLayers(List<String> layers) {
			this.layers = layers;
		}

		public Promotion getPromotion() {
			return this.promotion;
		}

		public void setPromotion(Promotion promotion) {
			this.promotion = promotion;
		}

		public int getPromotionThreshold() {
			return this.promotionThreshold;
		}

		public void setPromotionThreshold(int promotionThreshold) {
			this.promotionThreshold = promotionThreshold;
		}

		public WriteStrategy getWrite() {
			return this.write;
		}

		public void setWrite(WriteStrategy write) {
			this.write = write;
		}

		public WriteBack getWriteBack() {
			return this.writeBack;
		}

		public Invalidation getInvalidation() {
			return this.invalidation;
		}

		/**
		 * Settings of write-back.
		 */
		public static class WriteBack {

			/**
			 * Longest time a write waits in the queue before it is written to the lower
			 * layers.
			 */
			private Duration flushInterval = Duration.ofSeconds(1);

			/**
			 * Most entries written to a lower layer at once; a queue this long is written
			 * without waiting for the flush interval.
			 */
			private int batchSize = 500;

			/**
			 * Most entries queued; a write that finds the queue this long writes it to
			 * the lower layers itself before returning. At least batch-size.
			 */
			private int maxPending = 10_000;

			public Duration getFlushInterval() {
				return this.flushInterval;
			}

			public void setFlushInterval(Duration flushInterval) {
				this.flushInterval = flushInterval;
			}

			public int getBatchSize() {
				return this.batchSize;
			}

			public void setBatchSize(int batchSize) {
				this.batchSize = batchSize;
			}

			public int getMaxPending() {
				return this.maxPending;
			}

			public void setMaxPending(int maxPending) {
				this.maxPending = maxPending;
			}

		}

		/**
		 * Settings of the invalidation of other instances' in-heap layers over Redis
		 * pub/sub.
		 */
		public static class Invalidation {

			/**
			 * Whether every put, evict and clear is published so that other instances
			 * drop the entries from their in-heap layers. When unset, it is on if the
			 * cache has an in-heap layer and a Redis is at hand (redis-url, a redis
			 * layer, or the application's RedisConnectionFactory); when true, start-up
			 * fails without one.
			 */
			private Boolean enabled;

			/**
			 * Redis pub/sub channel of the messages. Instances that share it and a cache
			 * name invalidate each other.
			 */
			private String channel = "memoize:invalidation";

			/**
			 * URL of the Redis server the messages go through:
			 * redis://[user:password@]host[:port][/db]. When unset, the server of the
			 * cache's first redis layer is used, else the application's
			 * RedisConnectionFactory.
			 */
			private String redisUrl;

			public Boolean getEnabled() {
				return this.enabled;
			}

			public void setEnabled(Boolean enabled) {
				this.enabled = enabled;
			}

			public String getChannel() {
				return this.channel;
			}

			public void setChannel(String channel) {
				this.channel = channel;
			}

			public String getRedisUrl() {
				return this.redisUrl;
			}

			public void setRedisUrl(String redisUrl) {
				this.redisUrl = redisUrl;
			}

		}

	}

}
