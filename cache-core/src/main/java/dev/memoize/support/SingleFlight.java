package dev.memoize.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import dev.memoize.Computation;

/**
 * Runs one piece of work per key at a time: the first caller of a key runs it, callers
 * arriving meanwhile wait for that result or exception instead of running it again. A
 * thread that re-enters its own key (a recursive call) runs the work directly instead of
 * waiting for itself. Thread-safe.
 */
final class SingleFlight {

	private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();

	/**
	 * Runs the work for a key, or waits for the run already under way.
	 * @param key the key
	 * @param work the work
	 * @return the work's result
	 * @throws Throwable what the work threw
	 */
	Object run(String key, Computation work) throws Throwable {
		Flight flight = new Flight(Thread.currentThread(), new CompletableFuture<>());
		Flight leader = this.flights.putIfAbsent(key, flight);
		if (leader != null) {
			return (leader.owner() == Thread.currentThread()) ? work.compute() : await(leader);
		}
		try {
			Object value = work.compute();
			flight.result().complete(value);
			return value;
		}
		catch (Throwable ex) {
			flight.result().completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.flights.remove(key, flight);
		}
	}

	private static Object await(Flight leader) throws Throwable {
		try {
			return leader.result().join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	private record Flight(Thread owner, CompletableFuture<Object> result) {
	}

}
