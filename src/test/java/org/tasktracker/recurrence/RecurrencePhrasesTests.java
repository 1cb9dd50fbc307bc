package org.tasktracker.recurrence;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RecurrencePhrasesTests {

	/** A Wednesday. */
	private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					pay rent every day                    | every day                    | FREQ=DAILY                           | DUE        | 2026-11-25
					standup every weekday                 | every weekday                | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR     | DUE        | 2026-11-25
					call mom every monday                 | every monday                 | FREQ=WEEKLY;BYDAY=MO                 | DUE        | 2026-11-30
					gym every mon, thu                    | every mon, thu               | FREQ=WEEKLY;BYDAY=MO,TH              | DUE        | 2026-11-26
					review every 2 weeks                  | every 2 weeks                | FREQ=WEEKLY;INTERVAL=2               | DUE        | 2026-11-25
					rent every month on the 15th          | every month on the 15th      | FREQ=MONTHLY;BYMONTHDAY=15           | DUE        | 2026-12-15
					book club every 3rd friday            | every 3rd friday             | FREQ=MONTHLY;BYDAY=3FR               | DUE        | 2026-12-18
					invoice every last day of the month   | every last day of the month  | FREQ=MONTHLY;BYMONTHDAY=-1           | DUE        | 2026-11-30
					renew every year                      | every year                   | FREQ=YEARLY                          | DUE        | 2026-11-25
					water plants every! 3 days            | every! 3 days                | FREQ=DAILY;INTERVAL=3                | COMPLETION | 2026-11-25
					pills every day until dec 31          | every day until dec 31       | FREQ=DAILY;UNTIL=20261231            | DUE        | 2026-11-25
					stretch every day for 10 times        | every day for 10 times       | FREQ=DAILY;COUNT=10                  | DUE        | 2026-11-25
					""")
	void readsEachPhraseOfTheContract(String text, String consumed, String rule, Anchor from, LocalDate firstDue) {
		RecurrencePhrase phrase = RecurrencePhrases.find(text, TODAY).orElseThrow();

		assertThat(text.substring(phrase.start(), phrase.end())).isEqualTo(consumed);
		assertThat(phrase.rule().text()).isEqualTo(rule);
		assertThat(phrase.from()).isEqualTo(from);
		assertThat(phrase.firstDue()).isEqualTo(firstDue);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			daily standup                         | daily                        | FREQ=DAILY
			everyday vitamins                     | everyday                     | FREQ=DAILY
			weekly report                         | weekly                       | FREQ=WEEKLY
			monthly bills                         | monthly                      | FREQ=MONTHLY
			yearly checkup                        | yearly                       | FREQ=YEARLY
			taxes annually                        | annually                     | FREQ=YEARLY
			EVERY Monday                          | EVERY Monday                 | FREQ=WEEKLY;BYDAY=MO
			sync every other week                 | every other week             | FREQ=WEEKLY;INTERVAL=2
			every two days                        | every two days               | FREQ=DAILY;INTERVAL=2
			every 1 month                         | every 1 month                | FREQ=MONTHLY
			every 2nd tuesday                     | every 2nd tuesday            | FREQ=MONTHLY;BYDAY=2TU
			every first monday                    | every first monday           | FREQ=MONTHLY;BYDAY=1MO
			every last friday of the month        | every last friday of the month | FREQ=MONTHLY;BYDAY=-1FR
			every mon and thu                     | every mon and thu            | FREQ=WEEKLY;BYDAY=MO,TH
			every mon,thu                         | every mon,thu                | FREQ=WEEKLY;BYDAY=MO,TH
			every monday, wednesday and friday    | every monday, wednesday and friday | FREQ=WEEKLY;BYDAY=MO,WE,FR
			every tues & thurs                    | every tues & thurs           | FREQ=WEEKLY;BYDAY=TU,TH
			every weekend                         | every weekend                | FREQ=WEEKLY;BYDAY=SA,SU
			every workday                         | every workday                | FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
			every 15th                            | every 15th                   | FREQ=MONTHLY;BYMONTHDAY=15
			every 2 weeks on mon, thu             | every 2 weeks on mon, thu    | FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH
			every month on the last day           | every month on the last day  | FREQ=MONTHLY;BYMONTHDAY=-1
			every month on the 1                  | every month on the 1         | FREQ=MONTHLY;BYMONTHDAY=1
			every 2 months on the 3rd friday      | every 2 months on the 3rd friday | FREQ=MONTHLY;INTERVAL=2;BYDAY=3FR
			every year on dec 18                  | every year on dec 18         | FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=18
			every dec 18                          | every dec 18                 | FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=18
			every 18th of december                | every 18th of december       | FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=18
			every! week                           | every! week                  | FREQ=WEEKLY
			""")
	void readsTheVariantsTodoistUsersType(String text, String consumed, String rule) {
		RecurrencePhrase phrase = RecurrencePhrases.find(text, TODAY).orElseThrow();

		assertThat(text.substring(phrase.start(), phrase.end())).isEqualTo(consumed);
		assertThat(phrase.rule().text()).isEqualTo(rule);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			every day until dec 31          | 20261231
			every day until December 31st   | 20261231
			every day until 31 dec          | 20261231
			every day until dec 31 2027     | 20271231
			every day until nov 1           | 20271101
			every day until nov 25          | 20261125
			every day until feb 29          | 20280229
			every day until 12/31           | 20261231
			every day until 1/15/27         | 20270115
			every day until 2027-01-15      | 20270115
			every day until friday          | 20261127
			every mon, thu, until dec 31    | 20261231
			""")
	void readsTheUntilDateFromToday(String text, String until) {
		RecurrencePhrase phrase = RecurrencePhrases.find(text, TODAY).orElseThrow();

		assertThat(phrase.end()).isEqualTo(text.length());
		assertThat(phrase.rule().text()).endsWith(";UNTIL=" + until);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "every little thing", "every hour", "every 5 minutes", "read everything", "#every day",
			"every 5000 days", "every", "every last", "every 32nd", "nothing here", "every days" })
	void leavesTextWithoutAPhraseAlone(String text) {
		assertThat(RecurrencePhrases.find(text, TODAY)).isEmpty();
	}

	@Test
	void takesOnlyThePhraseAndLeavesTheRestOfTheTitle() {
		String text = "Pay rent every Monday, at 9am please.";
		RecurrencePhrase phrase = RecurrencePhrases.find(text, TODAY).orElseThrow();

		assertThat(text.substring(0, phrase.start()) + "|" + text.substring(phrase.end()))
			.isEqualTo("Pay rent |, at 9am please.");
	}

	@Test
	void leavesAnEndingItCannotReadInTheTitle() {
		String text = "every day until someday";
		RecurrencePhrase phrase = RecurrencePhrases.find(text, TODAY).orElseThrow();

		assertThat(text.substring(phrase.end())).isEqualTo(" until someday");
		assertThat(phrase.rule().text()).isEqualTo("FREQ=DAILY");
	}

	@Test
	void readsTheFirstPhraseOnly() {
		RecurrencePhrase phrase = RecurrencePhrases.find("every little thing every friday weekly", TODAY).orElseThrow();

		assertThat(phrase.rule().text()).isEqualTo("FREQ=WEEKLY;BYDAY=FR");
		assertThat(phrase.start()).isEqualTo(19);
	}

	@Test
	void suggestsNoFirstDueWhenTheSeriesEndedBeforeToday() {
		RecurrencePhrase phrase = RecurrencePhrases.find("every day until jan 1 2020", TODAY).orElseThrow();

		assertThat(phrase.rule().text()).isEqualTo("FREQ=DAILY;UNTIL=20200101");
		assertThat(phrase.firstDue()).isNull();
	}

	@Test
	void suggestsTheNextDayTheRuleTakesAsTheFirstDue() {
		assertThat(RecurrencePhrases.find("every weekday", LocalDate.parse("2026-11-28")).orElseThrow().firstDue())
			.isEqualTo("2026-11-30");
		assertThat(RecurrencePhrases.find("every month on the 31st", TODAY).orElseThrow().firstDue())
			.isEqualTo("2026-12-31");
		assertThat(RecurrencePhrases.find("every feb 29", TODAY).orElseThrow().firstDue()).isEqualTo("2028-02-29");
	}

}
