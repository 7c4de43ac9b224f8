package dev.memoize.samples;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import dev.memoize.Memoize;

/**
 * A recursive Fibonacci whose every step is memoized, turning exponential time into
 * linear. The recursion goes through the bean's proxy ({@code self}): a bean calling its
 * own method directly is not intercepted.
 */
@Service
public class FibonacciService {

	private final AtomicInteger calls = new AtomicInteger();

	private final ObjectProvider<FibonacciService> self;

	/**
	 * Creates the service.
	 * @param self this bean's proxy, for the memoized recursion
	 */
	public FibonacciService(ObjectProvider<FibonacciService> self) {
		this.self = self;
	}

	/**
	 * The n-th Fibonacci number.
	 * @param n the index, from 0
	 * @return the number
	 */
	@Memoize(name = "fibonacci")
	public BigInteger fib(int n) {
		this.calls.incrementAndGet();
		if (n < 0) {
			throw new IllegalArgumentException("n must not be negative, was " + n);
		}
		if (n < 2) {
			return BigInteger.valueOf(n);
		}
		FibonacciService proxy = this.self.getObject();
		return proxy.fib(n - 1).add(proxy.fib(n - 2));
	}

	/**
	 * How many times a step really ran.
	 * @return the call count
	 */
	public int calls() {
		return this.calls.get();
	}

}
