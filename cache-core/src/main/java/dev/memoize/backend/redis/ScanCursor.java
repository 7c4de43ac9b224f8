package dev.memoize.backend.redis;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a paged scan stands: the snapshot it pages over and the last key it has dealt
 * with. Its text form, {@code <snapshot id>.<last key in unpadded Base64url>}, is the
 * opaque cursor callers hand back.
 *
 * @param snapshotId the id of the key snapshot
 * @param lastKey the last key of the snapshot already dealt with
 */
record ScanCursor(String snapshotId, String lastKey) {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/**
	 * Reads a cursor.
	 * @param text the text from {@link #toString()}
	 * @return the cursor
	 * @throws IllegalArgumentException if the text is not a cursor of this backend
	 */
	static ScanCursor parse(String text) {
		int dot = text.indexOf('.');
		if (dot <= 0) {
			throw new IllegalArgumentException("Not a cursor of a Redis cache: '" + text + "'");
		}
		try {
			return new ScanCursor(text.substring(0, dot),
					new String(DECODER.decode(text.substring(dot + 1)), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not a cursor of a Redis cache: '" + text + "'", ex);
		}
	}

	@Override
	public String toString() {
		return this.snapshotId + "." + ENCODER.encodeToString(this.lastKey.getBytes(StandardCharsets.UTF_8));
	}

}
