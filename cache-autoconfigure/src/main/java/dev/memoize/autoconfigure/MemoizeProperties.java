package dev.memoize.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
		 * Backend type: memory, noop or callback, or the type of a CacheBackendFactory
		 * bean.
		 */
		private String type = "memory";

		/**
		 * Time to live of entries whose method sets none. Entries never expire when
		 * unset.
		 */
		private Duration ttl;

		private final Memory memory = new Memory();

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

}
