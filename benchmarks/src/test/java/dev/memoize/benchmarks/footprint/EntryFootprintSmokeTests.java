package dev.memoize.benchmarks.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Runs the per-entry heap measurement on a few hundred entries, as its command line does,
 * so that a measurement that no longer runs breaks the build. Asserts no figure beyond
 * its consistency: sizes depend on the JVM.
 */
class EntryFootprintSmokeTests {

	@Test
	void measuresEveryCacheWithPartsAddingUpToItsTotal() {
		List<Footprint> footprints = EntryFootprint.measure(300);
		assertThat(footprints).extracting(Footprint::name)
			.containsExactly("Memoize memory (@Memoize)", "Caffeine via CaffeineCacheManager (@Cacheable)",
					"plain Caffeine Cache<String, String>");
		assertThat(footprints).allSatisfy((footprint) -> {
			assertThat(footprint.entries()).isEqualTo(300);
			assertThat(footprint.bytesPerEntry()).isPositive();
			assertThat(footprint.parts().stream().mapToLong(Footprint.Part::bytes).sum()).isEqualTo(footprint.bytes());
		});
	}

	@Test
	void commandLineWritesTheReportToTheGivenFile(@TempDir Path directory) throws IOException {
		Path report = directory.resolve("footprint.txt");
		EntryFootprint.main(new String[] { "200", report.toString() });
		assertThat(Files.readString(report)).contains("Heap per entry, 200 entries")
			.contains("Memoize memory (@Memoize)")
			.contains("bytes/entry");
	}

	@Test
	void refusesACountBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> EntryFootprint.measure(0))
			.withMessage("entries must be at least 1, was 0");
	}

}
