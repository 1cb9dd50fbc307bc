package org.tasktracker.task;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** How a 410 of {@code GET /sync} says how long deletions are kept. */
class SyncServiceUnitTests {

	@ParameterizedTest
	@CsvSource({ "P30D, 30 days", "P1D, 1 day", "PT36H, 36 hours", "PT1H, 1 hour", "PT90M, 90 minutes",
			"PT15S, 15 seconds", "PT1S, 1 second", "PT61S, 61 seconds" })
	void aRetentionIsSaidInTheLargestUnitItIsWholeIn(Duration retention, String words) {
		assertThat(SyncService.inWords(retention)).isEqualTo(words);
	}

}
