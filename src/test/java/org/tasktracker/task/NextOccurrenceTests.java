package org.tasktracker.task;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where completing a recurring task at a time moves its due around a daylight-saving gap:
 * in London, 01:00-02:00 on 2027-03-28 does not exist, so an occurrence at 01:30 that
 * night falls due at 02:30 BST (01:30Z).
 */
class NextOccurrenceTests {

	private static final String LONDON = "Europe/London";

	/** Before the gap, so each completion moves the due on from the due itself. */
	private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");

	private static final Instant GAP_NIGHT_AT_0230_BST = Instant.parse("2027-03-28T01:30:00Z");

	@Test
	void aTimeThatTheGapMovedGoesOnAtTheSeriesOwnTimeTheNextDay() {
		CompletionRepository.State state = state("due", GAP_NIGHT_AT_0230_BST, Instant.parse("2027-03-27T01:30:00Z"));

		assertThat(NextOccurrence.after(state, NOW)).map(NextOccurrence.Next::due)
			.as("01:30 BST, not 02:30")
			.hasValue(Due.at(Instant.parse("2027-03-29T00:30:00Z")));
	}

	@Test
	void aSeriesAtTheTimeTheGapMovesToStaysThere() {
		CompletionRepository.State state = state("due", GAP_NIGHT_AT_0230_BST, Instant.parse("2027-03-27T02:30:00Z"));

		assertThat(NextOccurrence.after(state, NOW)).map(NextOccurrence.Next::due)
			.hasValue(Due.at(Instant.parse("2027-03-29T01:30:00Z")));
	}

	@Test
	void withNoCompletionBeforeItADueIsReadAtItsOwnWallTime() {
		CompletionRepository.State state = state("due", GAP_NIGHT_AT_0230_BST, null);

		assertThat(NextOccurrence.after(state, NOW)).map(NextOccurrence.Next::due)
			.hasValue(Due.at(Instant.parse("2027-03-29T01:30:00Z")));
	}

	@Test
	void aCompletionLongAgoAtAnotherTimeDoesNotMoveADueTheGapDidNotMove() {
		CompletionRepository.State state = state("due", Instant.parse("2027-03-28T08:00:00Z"),
				Instant.parse("2027-03-20T01:30:00Z"));

		assertThat(NextOccurrence.after(state, NOW)).map(NextOccurrence.Next::due)
			.hasValue(Due.at(Instant.parse("2027-03-29T08:00:00Z")));
	}

	@Test
	void fromCompletionRestartsAtTheSeriesOwnTimeToo() {
		CompletionRepository.State state = state("completion", GAP_NIGHT_AT_0230_BST,
				Instant.parse("2027-03-27T01:30:00Z"));

		assertThat(NextOccurrence.after(state, Instant.parse("2027-03-28T10:00:00Z"))).map(NextOccurrence.Next::due)
			.hasValue(Due.at(Instant.parse("2027-03-29T00:30:00Z")));
	}

	private static CompletionRepository.State state(String from, Instant dueAt, @Nullable Instant lastCompletedDueAt) {
		return new CompletionRepository.State(false, null, dueAt, "FREQ=DAILY", from, 2, false, LONDON,
				Instant.parse("2026-12-01T00:00:00Z"), lastCompletedDueAt);
	}

}
