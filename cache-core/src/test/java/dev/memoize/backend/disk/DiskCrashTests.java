package dev.memoize.backend.disk;

import java.nio.file.Path;

import dev.memoize.backend.BackendCrashContract;
import dev.memoize.backend.BackendException;
import dev.memoize.backend.CacheBackend;
import dev.memoize.backend.CrashTarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The disk backend killed in the middle of writes: besides the
 * {@link BackendCrashContract}, the store cannot be opened twice while the writer holds
 * it, and no record met on the restart is damaged.
 */
class DiskCrashTests extends BackendCrashContract {

	@Override
	protected CrashTarget target() {
		return CrashTarget.DISK;
	}

	@Override
	protected void whileTheWriterRuns(Path location) {
		assertThatExceptionOfType(BackendException.class).isThrownBy(() -> target().open(location))
			.withMessageContaining("in use by another process");
	}

	@Override
	protected void afterTheRestart(CacheBackend reopened) {
		assertThat(((DiskBackend) reopened).corruptRecords()).as("damaged records").isZero();
	}

}
