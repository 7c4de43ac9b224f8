package dev.memoize.benchmarks.footprint;

import java.util.Collection;

import org.openjdk.jol.info.GraphLayout;

/**
 * Heap sizes measured with JOL. On JDK 17 JOL cannot read field offsets unless the JVM
 * lets it attach to itself ({@code -Djdk.attach.allowAttachSelf=true}); when that is not
 * set, this class sets {@code jol.magicFieldOffset=true} before JOL starts, so that a
 * plain {@code java} command works.
 */
final class Heap {

	static {
		if (!Boolean.getBoolean("jdk.attach.allowAttachSelf") && System.getProperty("jol.magicFieldOffset") == null) {
			System.setProperty("jol.magicFieldOffset", "true");
		}
	}

	private Heap() {
	}

	/**
	 * Bytes of every object reachable from the roots, each counted once, the roots
	 * included.
	 * @param roots the roots
	 * @return the bytes
	 */
	static long size(Collection<?> roots) {
		Object[] nonNull = roots.stream().filter((root) -> root != null).toArray();
		return (nonNull.length != 0) ? GraphLayout.parseInstance(nonNull).totalSize() : 0;
	}

	/**
	 * Bytes of every object reachable from one root, the root included.
	 * @param root the root
	 * @return the bytes
	 */
	static long size(Object root) {
		return GraphLayout.parseInstance(root).totalSize();
	}

}
