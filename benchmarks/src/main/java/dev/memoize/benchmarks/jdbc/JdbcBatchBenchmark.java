package dev.memoize.benchmarks.jdbc;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.memoize.benchmarks.remote.BatchWindow;
import dev.memoize.benchmarks.remote.CacheableLookups;

/**
 * A batch on PostgreSQL: every call asks for 100 keys, 90 of them stored by the previous
 * call and 10 never seen ({@link BatchWindow}), with a trivial method body. Memoize
 * answers with a {@code @Memoize(batch = true)} method (one {@code SELECT ... IN}, the
 * body called with the 10 missing keys, one batch of upserts in one transaction);
 * Spring's {@code @Cacheable} can only be called once per key (on the hand-written
 * {@link JdbcTemplateCache}: 100 primary-key selects and 10 upserts, each in its own
 * transaction). After each iteration both tables are emptied and primed again, so they
 * hold no more than one iteration's rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JdbcBatchBenchmark {

	private JdbcContenders contenders;

	private final BatchWindow memoizeWindow = new BatchWindow("memoize item ");

	private final BatchWindow springWindow = new BatchWindow("spring item ");

	@Setup(Level.Trial)
	public void start() {
		this.contenders = new JdbcContenders();
		try {
			prime();
		}
		catch (RuntimeException ex) {
			this.contenders.close();
			throw ex;
		}
	}

	@TearDown(Level.Iteration)
	public void restart() {
		try {
			this.contenders.clear();
			prime();
		}
		catch (RuntimeException ex) {
			// JMH skips the trial's tear-down once an iteration's fails
			this.contenders.close();
			throw ex;
		}
	}

	private void prime() {
		this.memoizeWindow.prime(this.contenders.memoized::lookupAll, this.contenders.memoized::computed,
				this.contenders::memoizeState);
		this.springWindow.prime((keys) -> CacheableLookups.lookupEach(this.contenders.cacheable, keys),
				this.contenders.cacheable::computed, () -> "@Cacheable");
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.contenders.close();
	}

	@Benchmark
	public List<String> memoizeBatch() {
		return this.contenders.memoized.lookupAll(this.memoizeWindow.next());
	}

	@Benchmark
	public List<String> springCacheableLoop() {
		return CacheableLookups.lookupEach(this.contenders.cacheable, this.springWindow.next());
	}

}
