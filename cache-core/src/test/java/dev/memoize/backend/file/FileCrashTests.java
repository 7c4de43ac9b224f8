package dev.memoize.backend.file;

import dev.memoize.backend.BackendCrashContract;
import dev.memoize.backend.CrashTarget;

/**
 * The file backend killed in the middle of writes loses no committed entry and serves no
 * damaged one.
 */
class FileCrashTests extends BackendCrashContract {

	@Override
	protected CrashTarget target() {
		return CrashTarget.FILE;
	}

}
