package org.tasktracker.task;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class QuickAddTests {

	/** A Sunday. */
	private static final LocalDate TODAY = LocalDate.parse("2026-11-29");

	@Test
	void readsProjectLabelsAndPriorityAndKeepsTheRestAsTheTitle() {
		QuickAdd parsed = QuickAdd.parse("Buy milk #Errands @shop @Home !3 now", TODAY);

		assertThat(parsed.title()).isEqualTo("Buy milk now");
		assertThat(parsed.project()).isEqualTo("Errands");
		assertThat(parsed.labels()).containsExactly("shop", "Home");
		assertThat(parsed.priority()).isEqualTo(3);
		assertThat(parsed.date()).isNull();
		assertThat(parsed.time()).isNull();
	}

	@Test
	void aLabelTwiceInAnyCaseIsOneLabel() {
		assertThat(QuickAdd.parse("x @work @WORK", TODAY).labels()).containsExactly("work");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			pay rent today            | 2026-11-29
			pay rent tomorrow         | 2026-11-30
			pay rent Monday           | 2026-11-30
			pay rent sun              | 2026-12-06
			pay rent friday           | 2026-12-04
			pay rent next week        | 2026-11-30
			pay rent in 3 days        | 2026-12-02
			pay rent in 2 weeks       | 2026-12-13
			pay rent dec 1            | 2026-12-01
			pay rent 1 December       | 2026-12-01
			pay rent nov 28           | 2027-11-28
			pay rent nov 29           | 2026-11-29
			pay rent feb 29           | 2028-02-29
			pay rent 2027-03-04       | 2027-03-04
			""")
	void understandsEachKindOfDate(String text, LocalDate expected) {
		QuickAdd parsed = QuickAdd.parse(text, TODAY);

		assertThat(parsed.date()).isEqualTo(expected);
		assertThat(parsed.time()).isNull();
		assertThat(parsed.title()).isEqualTo("pay rent");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			call Bob at 9:00          | 09:00
			call Bob at 9             | 09:00
			call Bob at 21:15         | 21:15
			call Bob 9am              | 09:00
			call Bob 9:30pm           | 21:30
			call Bob 12am             | 00:00
			call Bob 12pm             | 12:00
			""")
	void aTimeAloneIsToday(String text, LocalTime expected) {
		QuickAdd parsed = QuickAdd.parse(text, TODAY);

		assertThat(parsed.title()).isEqualTo("call Bob");
		assertThat(parsed.date()).isEqualTo(TODAY);
		assertThat(parsed.time()).isEqualTo(expected);
	}

	@Test
	void aDateAndATimeTogether() {
		QuickAdd parsed = QuickAdd.parse("dentist tomorrow at 9am !4", TODAY);

		assertThat(parsed.title()).isEqualTo("dentist");
		assertThat(parsed.date()).isEqualTo(LocalDate.parse("2026-11-30"));
		assertThat(parsed.time()).isEqualTo(LocalTime.of(9, 0));
		assertThat(parsed.priority()).isEqualTo(4);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			read 2026-02-30
			read chapter 9
			read !5
			read in 3 parts
			read at 25:00
			read 13pm
			read feb 30
			read # @ !
			""")
	void whatIsNotAValidTokenStaysInTheTitle(String text) {
		QuickAdd parsed = QuickAdd.parse(text, TODAY);

		assertThat(parsed.title()).isEqualTo(text);
		assertThat(parsed.date()).isNull();
		assertThat(parsed.time()).isNull();
		assertThat(parsed.priority()).isEqualTo(1);
		assertThat(parsed.project()).isNull();
		assertThat(parsed.labels()).isEqualTo(List.of());
	}

	@Test
	void onlyTokensLeavesAnEmptyTitle() {
		assertThat(QuickAdd.parse("  #Home  today ", TODAY).title()).isEmpty();
	}

}
