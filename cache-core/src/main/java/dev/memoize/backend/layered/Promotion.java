package dev.memoize.backend.layered;

/**
 * When an entry found in a lower layer of a layered cache is copied into the layers above
 * it.
 */
public enum Promotion {

	/**
	 * On every hit in a lower layer: the next read of the key is served by the top layer.
	 * The default.
	 */
	ALWAYS,

	/**
	 * Never: each layer holds only what was written to it.
	 */
	NEVER,

	/**
	 * Once a key has been found in lower layers a threshold number of times, so that keys
	 * read once do not push hot keys out of a small top layer.
	 */
	FREQUENCY

}
