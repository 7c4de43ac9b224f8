package dev.memoize.backend.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.memoize.CacheEntry;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.Lookup;
import dev.memoize.key.MemoKey;

/**
 * The reactive reads and writes of a {@link RedisBackend}: the same commands on the same
 * keys and documents ({@code GET}, {@code SET ... PX}, {@code UNLINK}), sent through
 * Spring Data Redis's {@link ReactiveRedisTemplate} so that no thread waits for Redis.
 *
 * <p>
 * Spring Data opens a factory's shared reactive connection synchronously, on the thread
 * of the first command. Until a command has succeeded, commands are therefore subscribed
 * on Reactor's bounded elastic scheduler; afterwards on the caller's thread. Answers
 * arrive on the driver's event-loop threads. Thread-safe.
 */
final class ReactiveEntries {

	private static final Logger logger = LoggerFactory.getLogger(ReactiveEntries.class);

	private final ReactiveRedisTemplate<byte[], byte[]> template;

	private final KeySpace keys;

	private final String cacheName;

	private final Clock clock;

	private final BiConsumer<String, String> corruptionListener;

	private volatile boolean connected;

	ReactiveEntries(ReactiveRedisConnectionFactory connectionFactory, KeySpace keys, String cacheName, Clock clock,
			BiConsumer<String, String> corruptionListener) {
		this.template = new ReactiveRedisTemplate<>(connectionFactory, RedisSerializationContext.byteArray());
		this.keys = keys;
		this.cacheName = cacheName;
		this.clock = clock;
		this.corruptionListener = corruptionListener;
	}

	Mono<Lookup> get(MemoKey key) {
		return Mono.defer(() -> {
			byte[] redisKey = this.keys.redisKey(key.key());
			return sent(this.template.opsForValue().get(redisKey)).flatMap((document) -> entry(key.key(), document))
				.map((entry) -> entry.isExpired(this.clock.instant()) ? Lookup.miss() : Lookup.hit(entry))
				.defaultIfEmpty(Lookup.miss());
		}).onErrorResume((ex) -> Mono.just(Lookup.failure(failure("read", ex))));
	}

	/**
	 * The entry a document holds; empty when it cannot be read, in which case it is
	 * deleted (and a failure to delete it only logged).
	 */
	private Mono<CacheEntry> entry(String key, byte[] document) {
		try {
			CacheEntry entry = EntryFormat.read(document);
			if (!entry.key().equals(key)) {
				throw new IllegalArgumentException("it holds the entry of key '" + entry.key() + "'");
			}
			return Mono.just(entry);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Deleting unreadable entry '{}' of Redis cache '{}': {}", key, this.cacheName, ex.getMessage());
			this.corruptionListener.accept(key, ex.getMessage());
			return this.template.unlink(this.keys.redisKey(key)).onErrorResume((failure) -> {
				logger.debug("Could not delete entry '{}' of Redis cache '{}'", key, this.cacheName, failure);
				return Mono.empty();
			}).then(Mono.empty());
		}
	}

	Mono<Void> put(CacheEntry entry) {
		return Mono.defer(() -> {
			EntryWrite write = EntryWrite.of(this.keys.redisKey(entry.key()), entry, this.clock.instant());
			if (write.document() == null) {
				return sent(this.template.unlink(write.redisKey()));
			}
			if (write.timeToLive() > 0) {
				return sent(this.template.opsForValue()
					.set(write.redisKey(), write.document(), Duration.ofMillis(write.timeToLive())));
			}
			return sent(this.template.opsForValue().set(write.redisKey(), write.document()));
		}).then().onErrorMap((ex) -> failure("write", ex));
	}

	Mono<Boolean> remove(String key) {
		return Mono.defer(() -> sent(this.template.unlink(this.keys.redisKey(key))))
			.map((removed) -> removed > 0)
			.defaultIfEmpty(false)
			.onErrorMap((ex) -> failure("remove", ex));
	}

	/**
	 * A command, subscribed on the bounded elastic scheduler until the connection is
	 * known to be open.
	 */
	private <T> Mono<T> sent(Mono<T> command) {
		if (this.connected) {
			return command;
		}
		return command.doOnSuccess((answer) -> this.connected = true).subscribeOn(Schedulers.boundedElastic());
	}

	private BackendException failure(String operation, Throwable cause) {
		if (cause instanceof BackendException backendException) {
			return backendException;
		}
		return new BackendException(
				"Redis cache '" + this.cacheName + "' failed to " + operation + ": " + cause.getMessage(), cause);
	}

}
