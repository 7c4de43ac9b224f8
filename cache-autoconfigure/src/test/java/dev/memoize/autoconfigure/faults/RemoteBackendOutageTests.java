package dev.memoize.autoconfigure.faults;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.memoize.MemoCacheManager;
import dev.memoize.MemoizeException;
import dev.memoize.autoconfigure.MemoizeAutoConfiguration;
import dev.memoize.autoconfigure.health.MemoizeHealthAutoConfiguration;
import dev.memoize.autoconfigure.metrics.MemoCacheMetrics;
import dev.memoize.autoconfigure.metrics.MemoizeMetricsAutoConfiguration;
import dev.memoize.testing.Eventually;
import dev.memoize.testing.TcpForwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests of memoized calls whose Redis, PostgreSQL or MariaDB cache goes away in the
 * middle of a run: a {@link TcpForwarder} between the cache and the shared server cuts
 * every connection and refuses new ones, or hangs them (accepts, answers nothing). The
 * shared servers themselves are never touched.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RemoteBackendOutageTests {

	/** The cache's timeout: redis.timeout or jdbc.timeout. */
	private static final Duration TIMEOUT = Duration.ofMillis(500);

	/**
	 * The longest a call may take while the server hangs: it reads, then writes; each may
	 * wait for a connection, for an answer and (PostgreSQL) for the cancel of the
	 * statement, each wait bounded by the timeout, which PostgreSQL rounds up to whole
	 * seconds; plus a generous margin for a loaded machine. Without the timeouts such a
	 * call waits 30 seconds (HikariCP's default) or for ever.
	 */
	private static final Duration HUNG_CALL_BOUND = Duration.ofSeconds(2 * 3 * wholeSeconds(TIMEOUT) + 5);

	/** The longest wait for a Mono, far beyond the timeout. */
	private static final Duration BLOCK = Duration.ofSeconds(30);

	private static final Duration RECOVERY = Duration.ofSeconds(60);

	private static final int CALLS_DURING_OUTAGE = 10;

	private static final int CALLS_WHILE_HUNG = 3;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MemoizeAutoConfiguration.class, MemoizeHealthAutoConfiguration.class,
				MemoizeMetricsAutoConfiguration.class))
		.withBean(OutageService.class);

	@ParameterizedTest
	@EnumSource
	void callsComputeTheirResultsCountErrorsAndReportDownWhileTheServerIsCutOffThenCachingResumes(RemoteServer server)
			throws Exception {
		run(server, true, (context, forwarder) -> {
			OutageService service = context.getBean(OutageService.class);
			SimpleMeterRegistry meters = meters(context);
			assertThat(service.compute("warm")).isEqualTo("result of warm");
			assertThat(service.compute("warm")).isEqualTo("result of warm");
			assertThat(service.calls()).as("the second call is a hit").isEqualTo(1);
			assertThat(health(context)).isEqualTo(Status.UP);
			long errorsBefore = errors(context);

			forwarder.cut();
			for (int i = 0; i < CALLS_DURING_OUTAGE; i++) {
				String input = (i % 2 == 0) ? "warm" : "input " + i;
				assertThat(service.compute(input)).isEqualTo("result of " + input);
			}
			assertThat(service.calls()).as("every call ran the method").isEqualTo(1 + CALLS_DURING_OUTAGE);
			assertThat(errors(context) - errorsBefore).as("errors counted").isGreaterThanOrEqualTo(CALLS_DURING_OUTAGE);
			assertThat(meters.get("memoize.errors").tag("cache", OutageService.CACHE).functionCounter().count())
				.isEqualTo((double) errors(context));
			assertThat(health(context)).isEqualTo(Status.DOWN);

			forwarder.forward();
			Eventually.until(RECOVERY, "a call is a hit again", () -> {
				int before = service.calls();
				service.compute("after");
				return service.calls() == before;
			});
			assertThat(health(context)).isEqualTo(Status.UP);
		});
	}

	@Test
	void monoCallsComputeTheirResultsWhileTheRedisServerIsCutOffThenCachingResumes() throws Exception {
		run(RemoteServer.REDIS, true, (context, forwarder) -> {
			OutageService service = context.getBean(OutageService.class);
			assertThat(service.computeLater("warm").block(BLOCK)).isEqualTo("later result of warm");
			assertThat(service.computeLater("warm").block(BLOCK)).isEqualTo("later result of warm");
			assertThat(service.calls()).as("the second call is a hit").isEqualTo(1);
			long errorsBefore = errors(context);

			forwarder.cut();
			for (int i = 0; i < CALLS_DURING_OUTAGE; i++) {
				String input = (i % 2 == 0) ? "warm" : "input " + i;
				assertThat(service.computeLater(input).block(BLOCK)).isEqualTo("later result of " + input);
			}
			assertThat(service.calls()).as("every call ran the method").isEqualTo(1 + CALLS_DURING_OUTAGE);
			assertThat(errors(context) - errorsBefore).as("errors counted").isGreaterThanOrEqualTo(CALLS_DURING_OUTAGE);

			forwarder.forward();
			Eventually.until(RECOVERY, "a call is a hit again", () -> {
				int before = service.calls();
				service.computeLater("after").block(BLOCK);
				return service.calls() == before;
			});
		});
	}

	@ParameterizedTest
	@EnumSource
	void callsFailWithAnExceptionNamingTheCacheWhileTheServerIsCutOffWhenNotFailOpen(RemoteServer server)
			throws Exception {
		run(server, false, (context, forwarder) -> {
			OutageService service = context.getBean(OutageService.class);
			assertThat(service.compute("warm")).isEqualTo("result of warm");
			forwarder.cut();
			assertThatExceptionOfType(MemoizeException.class).isThrownBy(() -> service.compute("warm"))
				.withMessageContaining("Cache '" + OutageService.CACHE + "'");
			forwarder.forward();
		});
	}

	@ParameterizedTest
	@EnumSource
	void callsReturnWithinTheTimeoutWhileTheServerHangs(RemoteServer server) throws Exception {
		run(server, true, (context, forwarder) -> {
			OutageService service = context.getBean(OutageService.class);
			assertThat(service.compute("warm")).isEqualTo("result of warm");
			long errorsBefore = errors(context);
			forwarder.hang();
			for (int i = 0; i < CALLS_WHILE_HUNG; i++) {
				String input = "hung " + i;
				assertThat(assertTimeoutPreemptively(HUNG_CALL_BOUND, () -> service.compute(input)))
					.isEqualTo("result of " + input);
			}
			assertThat(service.calls()).isEqualTo(1 + CALLS_WHILE_HUNG);
			assertThat(errors(context) - errorsBefore).isGreaterThanOrEqualTo(CALLS_WHILE_HUNG);
			forwarder.forward();
		});
	}

	@Test
	void firstCallsReturnWithinTheTimeoutWhenTheRedisServerHangsBeforeAnyConnection() throws Exception {
		run(RemoteServer.REDIS, true, true, (context, forwarder) -> {
			OutageService service = context.getBean(OutageService.class);
			for (int i = 0; i < CALLS_WHILE_HUNG; i++) {
				String input = "hung " + i;
				assertThat(assertTimeoutPreemptively(HUNG_CALL_BOUND, () -> service.compute(input)))
					.isEqualTo("result of " + input);
			}
			assertThat(service.calls()).isEqualTo(CALLS_WHILE_HUNG);
			assertThat(errors(context)).isGreaterThanOrEqualTo(CALLS_WHILE_HUNG);
		});
	}

	private void run(RemoteServer server, boolean failOpen, OutageTest test) throws Exception {
		run(server, failOpen, false, test);
	}

	/**
	 * Runs a test with a cache on the server through a forwarder, hung before the context
	 * starts if asked, then forwards again and cleans up what the cache wrote.
	 */
	private void run(RemoteServer server, boolean failOpen, boolean hungFromStart, OutageTest test) throws Exception {
		String name = RemoteServer.uniqueName();
		try (TcpForwarder forwarder = TcpForwarder.startFor(server.url())) {
			if (hungFromStart) {
				forwarder.hang();
			}
			ApplicationContextRunner runner = this.runner.withPropertyValues("memoize.fail-open=" + failOpen);
			for (String property : server.properties(forwarder.urlFor(server.url()), name, TIMEOUT)) {
				runner = runner.withPropertyValues("memoize.caches." + OutageService.CACHE + "." + property);
			}
			runner.run((context) -> {
				assertThat(context).hasNotFailed();
				try {
					test.run(context, forwarder);
				}
				catch (Throwable failure) {
					try {
						forwarder.forward();
						clear(context);
					}
					catch (Throwable cleanup) {
						failure.addSuppressed(cleanup);
					}
					throw failure;
				}
				forwarder.forward();
				clear(context);
			});
		}
		finally {
			server.dropTables(name);
		}
	}

	/**
	 * Clears the cache once its server answers again, so that nothing is left on the
	 * shared server; a failure to do so carries the last error.
	 */
	private static void clear(AssertableApplicationContext context) {
		AtomicReference<RuntimeException> last = new AtomicReference<>();
		try {
			Eventually.until(RECOVERY, "the cache is cleared", () -> {
				try {
					context.getBean(MemoCacheManager.class).cache(OutageService.CACHE).clear();
					return true;
				}
				catch (RuntimeException ex) {
					last.set(ex);
					return false;
				}
			});
		}
		catch (AssertionError ex) {
			if (last.get() != null) {
				ex.initCause(last.get());
			}
			throw ex;
		}
	}

	private static long wholeSeconds(Duration duration) {
		return (duration.toMillis() + 999) / 1000;
	}

	private static long errors(AssertableApplicationContext context) {
		return context.getBean(MemoCacheManager.class).cache(OutageService.CACHE).stats().errors();
	}

	private static SimpleMeterRegistry meters(AssertableApplicationContext context) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		context.getBean(MemoCacheMetrics.class).bindTo(registry);
		return registry;
	}

	private static Status health(AssertableApplicationContext context) {
		CompositeHealthContributor memoize = context.getBean("memoizeHealthContributor",
				CompositeHealthContributor.class);
		return ((HealthIndicator) memoize.getContributor(OutageService.CACHE)).health().getStatus();
	}

	/**
	 * The body of a test, given the started context and the forwarder its cache connects
	 * through.
	 */
	@FunctionalInterface
	private interface OutageTest {

		void run(AssertableApplicationContext context, TcpForwarder forwarder) throws Exception;

	}

}
