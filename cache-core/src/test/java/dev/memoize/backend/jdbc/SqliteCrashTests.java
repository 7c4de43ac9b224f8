package dev.memoize.backend.jdbc;

import dev.memoize.backend.BackendCrashContract;
import dev.memoize.backend.CrashTarget;

/**
 * The jdbc backend on SQLite killed in the middle of writes loses no committed entry and
 * serves no damaged one.
 */
class SqliteCrashTests extends BackendCrashContract {

	@Override
	protected CrashTarget target() {
		return CrashTarget.SQLITE;
	}

}
