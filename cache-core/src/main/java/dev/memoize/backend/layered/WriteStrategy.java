package dev.memoize.backend.layered;

/**
 * How a layered cache writes an entry into its layers.
 */
public enum WriteStrategy {

	/**
	 * Every layer, synchronously, the lowest first, so that an upper layer never holds an
	 * entry the layers below it lack. The default.
	 */
	WRITE_THROUGH,

	/**
	 * The top layer synchronously; the lower layers later, in batches, from a background
	 * thread. Fast writes; what is queued is written on close, and lost only if the
	 * process dies.
	 */
	WRITE_BACK,

	/**
	 * Only the lowest layer; the key is removed from the layers above, which get the
	 * entry back by promotion when it is read. For entries written often and read rarely.
	 */
	WRITE_AROUND

}
