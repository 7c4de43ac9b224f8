package dev.memoize.benchmarks.disk;

/**
 * What a committed put survives, the same for every engine.
 */
public enum Durability {

	/**
	 * The put is handed to the operating system (written to the file or write-ahead log,
	 * without fsync) before it returns: it survives a crash or kill of the process, not
	 * necessarily a power loss or kernel crash.
	 */
	PROCESS,

	/**
	 * The put is forced to the device (fsync or fdatasync) before it returns: it also
	 * survives a power loss.
	 */
	FSYNC

}
