package org.tasktracker.task;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tasktracker.task.TaskPages.EditForm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three-way comparison of a stale save ({@link EditConflict}): a field is in conflict
 * only when both sides changed it to different values; one side's change is taken.
 */
class EditConflictTests {

	private static final EditForm DRAWN = drawn(
			new EditForm(7, "Pay the rent", "", "", "home", 1, "2027-01-10", "", 3L, ""));

	@Test
	void aFormPostedAsDrawnHasTheFingerprintItWasDrawnWith() {
		EditForm posted = new EditForm(7, " Pay the rent ", "", "", "Home ,", 1, "2027-01-10", "", 3L, DRAWN.base());

		assertThat(EditConflict.fingerprint(posted)).isEqualTo(DRAWN.base());
		assertThat(DRAWN.base().split("\\.")).hasSize(EditConflict.Field.values().length);
	}

	@Test
	void aDescriptionSentBackWithTheBrowsersLineEndsIsUnchanged() {
		EditForm drawn = drawn(new EditForm(7, "Notes", "one\ntwo", "", "", 1, "", "", 3L, ""));
		EditForm posted = new EditForm(7, "Notes", "one\r\ntwo", "", "", 1, "", "", 3L, drawn.base());

		assertThat(EditConflict.fingerprint(posted)).isEqualTo(drawn.base());
	}

	@Test
	void fieldsChangedOnOneSideOnlyAreMergedWithoutAConflict() {
		EditForm yours = new EditForm(7, "Pay the rent today", "", "", "home", 1, "2027-01-10", "", 3L, DRAWN.base());
		EditForm now = new EditForm(7, "Pay the rent", "", "", "home", 4, "2027-01-12", "", 5L, "");

		EditConflict conflict = EditConflict.between(yours, now);

		assertThat(conflict.fields()).isEmpty();
		assertThat(conflict.merged().title()).isEqualTo("Pay the rent today");
		assertThat(conflict.merged().priority()).isEqualTo(4);
		assertThat(conflict.merged().dueDate()).isEqualTo("2027-01-12");
		assertThat(conflict.merged().version()).isEqualTo(5L);
		assertThat(conflict.merged().base()).isEqualTo(EditConflict.fingerprint(now));
	}

	@Test
	void fieldsBothSidesChangedDifferentlyAreInConflictAndKeepWhatWasTyped() {
		EditForm yours = new EditForm(7, "Pay rent", "", "", "home, bills", 3, "2027-01-10", "", 3L, DRAWN.base());
		EditForm now = new EditForm(7, "Pay the rent today", "", "", "home, bills", 4, "2027-01-10", "", 5L, "");

		EditConflict conflict = EditConflict.between(yours, now);

		assertThat(conflict.fields()).containsExactly(EditConflict.Field.TITLE, EditConflict.Field.PRIORITY);
		assertThat(conflict.merged().title()).isEqualTo("Pay rent");
		assertThat(conflict.merged().priority()).isEqualTo(3);
		assertThat(conflict.shown(List.of())).containsExactly(
				new EditConflict.Shown("Title", "Pay rent", "Pay the rent today"),
				new EditConflict.Shown("Priority", "P2", "P1 (urgent)"));
	}

	@Test
	void withoutAFingerprintEveryFieldThatDiffersIsInConflict() {
		EditForm yours = new EditForm(7, "Pay the rent", "", "", "home", 1, "", "", 3L, "");
		EditForm now = new EditForm(7, "Pay the rent", "", "", "home", 1, "2027-01-12", "09:30", 5L, "");

		EditConflict conflict = EditConflict.between(yours, now);

		assertThat(conflict.shown(List.of()))
			.containsExactly(new EditConflict.Shown("Due", "No date", "Tue 12 Jan 2027, 09:30"));
	}

	private static EditForm drawn(EditForm form) {
		return form.at(3, EditConflict.fingerprint(form));
	}

}
