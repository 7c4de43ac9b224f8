package dev.memoize.backend.redis;

import java.time.Duration;
import java.time.Instant;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.SetCondition;
import org.springframework.data.redis.core.types.Expiration;

import dev.memoize.CacheEntry;

/**
 * The one command that stores an entry: {@code SET key document [PX ttl]}, or
 * {@code UNLINK key} for an entry that has already expired. Immutable.
 *
 * @param redisKey the Redis key
 * @param document the stored form, {@code null} to delete the key
 * @param timeToLive Redis's time to live in milliseconds, 0 for none
 */
record EntryWrite(byte[] redisKey, byte[] document, long timeToLive) {

	/**
	 * The write of an entry at the given instant.
	 * @param redisKey the entry's Redis key
	 * @param entry the entry, its values encoded
	 * @param now the instant that decides expiry
	 * @return the write
	 * @throws IllegalArgumentException if the entry cannot be stored
	 */
	static EntryWrite of(byte[] redisKey, CacheEntry entry, Instant now) {
		if (entry.isExpired(now)) {
			return new EntryWrite(redisKey, null, 0);
		}
		return new EntryWrite(redisKey, EntryFormat.write(entry), timeToLive(entry.expiresAt(), now));
	}

	/**
	 * Redis's time to live of an entry that has not expired: the time left, rounded up to
	 * whole milliseconds so Redis never drops an entry before its time; 0 for an entry
	 * that never expires, or whose expiry lies too far ahead to count in milliseconds.
	 * @param expiresAt when the entry expires, or {@code null}
	 * @param now the instant, before {@code expiresAt}
	 * @return the time to live in milliseconds, or 0
	 */
	static long timeToLive(Instant expiresAt, Instant now) {
		if (expiresAt == null) {
			return 0;
		}
		try {
			return Duration.between(now, expiresAt).plusNanos(999_999).toMillis();
		}
		catch (ArithmeticException ex) {
			return 0;
		}
	}

	/**
	 * Sends the command through Spring Data, which may be pipelining.
	 * @param connection the connection
	 */
	void apply(RedisConnection connection) {
		if (this.document == null) {
			connection.keyCommands().unlink(this.redisKey);
		}
		else {
			Expiration expiration = (this.timeToLive > 0) ? Expiration.milliseconds(this.timeToLive)
					: Expiration.persistent();
			connection.stringCommands().set(this.redisKey, this.document, SetCondition.upsert(), expiration);
		}
	}

	/**
	 * Sends the command through Lettuce's asynchronous API, without waiting for the
	 * answer.
	 * @param commands the asynchronous commands of a connection
	 * @return the answer to come
	 */
	RedisFuture<?> send(RedisClusterAsyncCommands<byte[], byte[]> commands) {
		if (this.document == null) {
			return commands.unlink(this.redisKey);
		}
		return (this.timeToLive > 0) ? commands.set(this.redisKey, this.document, SetArgs.Builder.px(this.timeToLive))
				: commands.set(this.redisKey, this.document);
	}

}
