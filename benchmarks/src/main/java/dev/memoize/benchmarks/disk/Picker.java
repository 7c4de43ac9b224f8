package dev.memoize.benchmarks.disk;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Picks entries uniformly at random, one sequence per benchmark thread.
 */
@State(Scope.Thread)
public class Picker {

	private final SplittableRandom random = new SplittableRandom(7);

	int next() {
		return this.random.nextInt(DiskData.ENTRIES);
	}

}
