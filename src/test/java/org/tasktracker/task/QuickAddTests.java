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

	/** A Wednesday: "friday" and "next friday" are a week apart. */
	private static final LocalDate WEDNESDAY = LocalDate.parse("2026-12-02");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			pay rent due next friday        | 2026-12-11
			pay rent next friday            | 2026-12-11
			pay rent friday                 | 2026-12-04
			pay rent on friday              | 2026-12-04
			pay rent this friday            | 2026-12-04
			pay rent this wednesday         | 2026-12-02
			pay rent next mon               | 2026-12-07
			pay rent next sunday            | 2026-12-13
			pay rent due tomorrow           | 2026-12-03
			pay rent tmr                    | 2026-12-03
			pay rent tmrw                   | 2026-12-03
			pay rent yesterday              | 2026-12-01
			pay rent 12/20                  | 2026-12-20
			pay rent on 12/2                | 2026-12-02
			pay rent 12/1                   | 2027-12-01
			pay rent 12/20/2027             | 2027-12-20
			pay rent 1/5/27                 | 2027-01-05
			pay rent by dec 24              | 2026-12-24
			pay rent this weekend           | 2026-12-05
			pay rent next weekend           | 2026-12-12
			pay rent next month             | 2027-01-01
			pay rent next year              | 2027-01-01
			pay rent end of month           | 2026-12-31
			pay rent due end of the month   | 2026-12-31
			pay rent in 2 months            | 2027-02-02
			pay rent in 1 year              | 2027-12-02
			""")
	void readsWhatATodoistUserTypes(String text, LocalDate expected) {
		QuickAdd parsed = QuickAdd.parse(text, WEDNESDAY);

		assertThat(parsed.date()).isEqualTo(expected);
		assertThat(parsed.time()).isNull();
		assertThat(parsed.title()).isEqualTo("pay rent");
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void thisWeekendOnASundayIsToday() {
		assertThat(QuickAdd.parse("mow this weekend", TODAY).date()).isEqualTo(TODAY);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			call Bob tmr 2pm                | 2026-12-03 | 14:00
			call Bob tomorrow 2 pm          | 2026-12-03 | 14:00
			call Bob due friday at 9 am     | 2026-12-04 | 09:00
			call Bob next friday at noon    | 2026-12-11 | 12:00
			call Bob tonight                | 2026-12-02 | 19:00
			call Bob tonight at 8           | 2026-12-02 | 20:00
			call Bob tonight 9:30pm         | 2026-12-02 | 21:30
			call Bob 12/20 at 21:15         | 2026-12-20 | 21:15
			""")
	void aTimeAfterADateIsThatDaysTime(String text, LocalDate date, LocalTime time) {
		QuickAdd parsed = QuickAdd.parse(text, WEDNESDAY);

		assertThat(parsed.title()).isEqualTo("call Bob");
		assertThat(parsed.date()).isEqualTo(date);
		assertThat(parsed.time()).isEqualTo(time);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			p1 | 4
			p2 | 3
			P3 | 2
			p4 | 1
			!4 | 4
			!1 | 1
			""")
	void readsTodoistsPrioritiesWithP1Urgent(String token, int priority) {
		QuickAdd parsed = QuickAdd.parse("file taxes " + token, TODAY);

		assertThat(parsed.priority()).isEqualTo(priority);
		assertThat(parsed.title()).isEqualTo("file taxes");
		assertThat(QuickAdd.todoistPriority(parsed.priority())).isEqualTo("P" + (5 - priority));
	}

	@Test
	void aPriorityOutsideTodoistsFourStaysInTheTitle() {
		QuickAdd parsed = QuickAdd.parse("read p5 and p0", TODAY);

		assertThat(parsed.title()).isEqualTo("read p5 and p0");
		assertThat(parsed.priority()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			read 2026-02-30     | 2026-02-30 is not a date
			read 20/12          | 20/12 is not a date (dates are month/day)
			read 2/30           | 2/30 is not a date (dates are month/day)
			read feb 30         | feb 30 is not a date
			read at 25:00       | 25:00 is not a time
			read 13pm           | 13pm is not a time
			""")
	void whatLooksLikeADateButIsNoneIsWarnedAbout(String text, String warning) {
		QuickAdd parsed = QuickAdd.parse(text, TODAY);

		assertThat(parsed.title()).isEqualTo(text);
		assertThat(parsed.date()).isNull();
		assertThat(parsed.warnings()).containsExactly(warning + "; it stays in the title");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			go by bus
			turn on the heating
			bug due to the cache
			next steps for the team
			""")
	void aLeadWordWithoutADateStaysInTheTitle(String text) {
		QuickAdd parsed = QuickAdd.parse(text, TODAY);

		assertThat(parsed.title()).isEqualTo(text);
		assertThat(parsed.warnings()).isEmpty();
	}

	@Test
	void onlyTokensLeavesAnEmptyTitle() {
		assertThat(QuickAdd.parse("  #Home  today ", TODAY).title()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					Write report every monday                | Write report | FREQ=WEEKLY;BYDAY=MO             | due        | 2026-11-30
					Stretch every day                        | Stretch      | FREQ=DAILY                       | due        | 2026-11-29
					Pay rent every month on the 15th         | Pay rent     | FREQ=MONTHLY;BYMONTHDAY=15       | due        | 2026-12-15
					Water plants every! 3 days               | Water plants | FREQ=DAILY;INTERVAL=3            | completion | 2026-11-29
					Review every monday tomorrow             | Review       | FREQ=WEEKLY;BYDAY=MO             | due        | 2026-11-30
					""")
	void readsARecurrenceOutOfTheTitleWithItsFirstDue(String text, String title, String rule, String from,
			LocalDate date) {
		QuickAdd parsed = QuickAdd.parse(text, TODAY);

		assertThat(parsed.title()).isEqualTo(title);
		assertThat(parsed.recurrence()).isEqualTo(new Recurrence(rule, from));
		assertThat(parsed.date()).isEqualTo(date);
	}

	@Test
	void aRecurrenceKeepsATimeTyped() {
		QuickAdd parsed = QuickAdd.parse("Stand-up every weekday at 9am", TODAY);

		assertThat(parsed.recurrence().rule()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
		assertThat(parsed.time()).isEqualTo(LocalTime.of(9, 0));
		assertThat(parsed.title()).isEqualTo("Stand-up");
	}

	@Test
	void everyInAnOrdinarySentenceIsNoRecurrence() {
		QuickAdd parsed = QuickAdd.parse("Read every little thing", TODAY);

		assertThat(parsed.recurrence()).isNull();
		assertThat(parsed.title()).isEqualTo("Read every little thing");
	}

}
