package dev.memoize.backend.memory;

import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Nested;

import dev.memoize.backend.BackendContext;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.CacheBackendContract;

/**
 * Runs the backend contract against every in-memory backend. The heap is the store, so a
 * reopened backend is the same instance.
 */
class InHeapBackendContractTests {

	private static final long ROOMY = 100_000;

	@Nested
	class Caffeine extends CacheBackendContract {

		@Override
		protected CacheBackend createBackend(BackendContext context) {
			return new CaffeineBackend(ROOMY, context);
		}

		@Override
		protected CacheBackend reopen() {
			return this.backend;
		}

	}

	@Nested
	class Lru extends PolicyContract {

		Lru() {
			super(Eviction.LRU);
		}

	}

	@Nested
	class Lfu extends PolicyContract {

		Lfu() {
			super(Eviction.LFU);
		}

	}

	@Nested
	class Fifo extends PolicyContract {

		Fifo() {
			super(Eviction.FIFO);
		}

	}

	@Nested
	class Random extends PolicyContract {

		Random() {
			super(Eviction.RANDOM);
		}

	}

	abstract static class PolicyContract extends CacheBackendContract {

		private final Eviction eviction;

		PolicyContract(Eviction eviction) {
			this.eviction = eviction;
		}

		@Override
		protected CacheBackend createBackend(BackendContext context) {
			return new PolicyBackend(ROOMY, this.eviction, RandomGenerator.getDefault(), context);
		}

		@Override
		protected CacheBackend reopen() {
			return this.backend;
		}

	}

}
