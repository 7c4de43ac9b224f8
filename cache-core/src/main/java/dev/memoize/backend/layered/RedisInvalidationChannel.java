package dev.memoize.backend.layered;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link InvalidationChannel} over Redis pub/sub, through Spring Data Redis: messages
 * are JSON documents ({@link Invalidation}'s components) published on one Redis channel,
 * received by a {@link RedisMessageListenerContainer}.
 *
 * <ul>
 * <li>Publishing is asynchronous, on one daemon thread in the order of the calls, so that
 * a slow or unreachable Redis does not hold up the cache's writes. At most
 * {@value #MAX_QUEUED} messages wait; beyond that, and when Redis refuses one, a message
 * is dropped and logged (once per outage).</li>
 * <li>Messages are handled one at a time, in the order received, on a daemon thread of
 * the channel's own.</li>
 * <li>A lost subscription is re-established: Lettuce reconnects and subscribes again, and
 * the container retries a failed subscription every {@link #RECOVERY_INTERVAL}. Each
 * subscription after the first is reported as
 * {@link InvalidationListener#resumed()}.</li>
 * </ul>
 * Needs Spring Data Redis on the class path. Thread-safe.
 */
public final class RedisInvalidationChannel implements InvalidationChannel {

	/** Default name of the Redis channel. */
	public static final String DEFAULT_CHANNEL = "memoize:invalidation";

	/** How long a failed subscription waits before it is tried again. */
	static final Duration RECOVERY_INTERVAL = Duration.ofSeconds(1);

	private static final int MAX_QUEUED = 10_000;

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(RedisInvalidationChannel.class);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final RedisConnectionFactory connectionFactory;

	private final boolean ownsConnectionFactory;

	private final String channel;

	private final byte[] channelBytes;

	private final ThreadPoolExecutor publisher;

	private final AtomicBoolean publishFailing = new AtomicBoolean();

	private final AtomicInteger subscriptions = new AtomicInteger();

	private Receiver receiver;

	private RedisMessageListenerContainer container;

	private ExecutorService dispatcher;

	private ScheduledExecutorService retries;

	private boolean closed;

	private RedisInvalidationChannel(RedisConnectionFactory connectionFactory, boolean ownsConnectionFactory,
			String channel) {
		if (channel == null || channel.isEmpty()) {
			throw new IllegalArgumentException("The channel name must not be empty");
		}
		this.connectionFactory = connectionFactory;
		this.ownsConnectionFactory = ownsConnectionFactory;
		this.channel = channel;
		this.channelBytes = channel.getBytes(StandardCharsets.UTF_8);
		this.publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED),
				daemons("memoize-invalidation-publisher-"), (message, executor) -> dropped("the queue is full"));
	}

	/**
	 * A channel over connections it does not own: closing it leaves the factory open.
	 * @param connectionFactory the connections, typically the application's
	 * @param channel the Redis channel, not empty
	 * @return the channel
	 * @throws IllegalArgumentException if the channel name is empty
	 */
	public static RedisInvalidationChannel over(RedisConnectionFactory connectionFactory, String channel) {
		return new RedisInvalidationChannel(connectionFactory, false, channel);
	}

	/**
	 * A channel that owns its connections: closing it destroys the factory.
	 * @param connectionFactory the connections, its own
	 * @param channel the Redis channel, not empty
	 * @return the channel
	 * @throws IllegalArgumentException if the channel name is empty
	 */
	public static RedisInvalidationChannel owning(RedisConnectionFactory connectionFactory, String channel) {
		return new RedisInvalidationChannel(connectionFactory, true, channel);
	}

	/**
	 * The Redis channel the messages travel on.
	 * @return the channel name
	 */
	public String channel() {
		return this.channel;
	}

	/**
	 * The connections the channel publishes and subscribes with.
	 * @return the connection factory
	 */
	public RedisConnectionFactory connectionFactory() {
		return this.connectionFactory;
	}

	@Override
	public void publish(Invalidation invalidation) {
		byte[] message = MAPPER.writeValueAsBytes(invalidation);
		try {
			this.publisher.execute(() -> send(message));
		}
		catch (RejectedExecutionException ex) {
			dropped("the channel is closed");
		}
	}

	private void send(byte[] message) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.publish(this.channelBytes, message);
			if (this.publishFailing.compareAndSet(true, false)) {
				logger.info("Invalidation messages are published on Redis channel '{}' again", this.channel);
			}
		}
		catch (RuntimeException ex) {
			if (this.publishFailing.compareAndSet(false, true)) {
				logger.warn(
						"Cannot publish invalidation messages on Redis channel '{}', so other instances may "
								+ "serve replaced entries from their heap until it works again: {}",
						this.channel, ex.getMessage());
			}
		}
	}

	private void dropped(String reason) {
		if (this.publishFailing.compareAndSet(false, true)) {
			logger.warn("An invalidation message for Redis channel '{}' was dropped: {}", this.channel, reason);
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Subscribes at once, waiting for Redis to confirm (at most two seconds). When Redis
	 * cannot be reached, tries again every {@link #RECOVERY_INTERVAL} in the background;
	 * the subscription made then is reported as {@link InvalidationListener#resumed()},
	 * since messages may have been sent meanwhile.
	 */
	@Override
	public synchronized void subscribe(InvalidationListener listener) {
		if (this.receiver != null) {
			throw new IllegalStateException("Already subscribed");
		}
		this.receiver = new Receiver(listener);
		this.dispatcher = Executors.newSingleThreadExecutor(daemons("memoize-invalidation-"));
		this.retries = Executors.newSingleThreadScheduledExecutor(daemons("memoize-invalidation-retry-"));
		RuntimeException failure = trySubscribe();
		if (failure != null) {
			this.subscriptions.set(1);
			logger.warn("Cannot subscribe to Redis channel '{}' yet; trying again every {}: {}", this.channel,
					RECOVERY_INTERVAL, failure.getMessage());
			retryLater();
		}
	}

	/**
	 * Starts a container that subscribes to the channel; the container re-subscribes by
	 * itself once it has subscribed, but not when its first attempt fails.
	 * @return {@code null} once subscribed (or closed), else why it failed
	 */
	private synchronized RuntimeException trySubscribe() {
		if (this.closed) {
			return null;
		}
		RedisMessageListenerContainer created = new RedisMessageListenerContainer();
		CustomizableThreadFactory subscriberThreads = daemons("memoize-invalidation-subscriber-");
		created.setConnectionFactory(this.connectionFactory);
		created.setTaskExecutor(this.dispatcher);
		created.setSubscriptionExecutor((task) -> subscriberThreads.newThread(task).start());
		created.setRecoveryBackoff(new FixedBackOff(RECOVERY_INTERVAL.toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS));
		created.setErrorHandler((ex) -> logger.warn("Handling an invalidation message failed", ex));
		created.addMessageListener(this.receiver, ChannelTopic.of(this.channel));
		created.afterPropertiesSet();
		try {
			created.start();
			this.container = created;
			return null;
		}
		catch (RuntimeException ex) {
			destroy(created);
			return ex;
		}
	}

	private void retryLater() {
		try {
			this.retries.schedule(() -> {
				if (trySubscribe() != null) {
					retryLater();
				}
			}, RECOVERY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed meanwhile
		}
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.publisher.shutdown();
		try {
			if (!this.publisher.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Invalidation messages for Redis channel '{}' were still queued on close", this.channel);
				this.publisher.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.retries != null) {
			this.retries.shutdownNow();
		}
		if (this.container != null) {
			destroy(this.container);
		}
		if (this.dispatcher != null) {
			this.dispatcher.shutdownNow();
		}
		if (this.ownsConnectionFactory && this.connectionFactory instanceof DisposableBean disposable) {
			try {
				disposable.destroy();
			}
			catch (Exception ex) {
				logger.warn("Closing the connections of Redis channel '{}' failed", this.channel, ex);
			}
		}
	}

	private void destroy(RedisMessageListenerContainer container) {
		try {
			container.destroy();
		}
		catch (Exception ex) {
			logger.warn("Closing the subscription to Redis channel '{}' failed", this.channel, ex);
		}
	}

	@Override
	public String toString() {
		return "Redis channel '" + this.channel + "'";
	}

	private static CustomizableThreadFactory daemons(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

	/**
	 * Turns Redis messages into {@link Invalidation}s, and subscriptions after the first
	 * into {@link InvalidationListener#resumed()}.
	 */
	private final class Receiver implements MessageListener, SubscriptionListener {

		private final InvalidationListener listener;

		Receiver(InvalidationListener listener) {
			this.listener = listener;
		}

		@Override
		public void onMessage(Message message, byte[] pattern) {
			Invalidation invalidation;
			try {
				invalidation = MAPPER.readValue(message.getBody(), Invalidation.class);
			}
			catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
				logger.warn("Ignored a message on Redis channel '{}' that is not an invalidation: {}",
						RedisInvalidationChannel.this.channel, ex.getMessage());
				return;
			}
			this.listener.invalidated(invalidation);
		}

		@Override
		public void onChannelSubscribed(byte[] channel, long count) {
			if (RedisInvalidationChannel.this.subscriptions.incrementAndGet() > 1) {
				logger.info("Subscribed to Redis channel '{}' again", RedisInvalidationChannel.this.channel);
				this.listener.resumed();
			}
		}

	}

}
