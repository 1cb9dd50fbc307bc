package org.tasktracker.recurrence;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RuleWordsTests {

	private static final RuleWords WORDS = new RuleWords(LocalDate.parse("2026-11-29"), ZoneId.of("America/New_York"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			FREQ=DAILY                                       | every day
			FREQ=DAILY;INTERVAL=3                            | every 3 days
			FREQ=WEEKLY                                      | every week
			FREQ=WEEKLY;INTERVAL=2                           | every 2 weeks
			FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR                 | every weekday
			FREQ=WEEKLY;BYDAY=SA,SU                          | every weekend
			FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU           | every day
			FREQ=WEEKLY;BYDAY=MO                             | every Monday
			FREQ=WEEKLY;BYDAY=TH,MO                          | every Mon, Thu
			FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH               | every 2 weeks on Mon, Thu
			FREQ=WEEKLY;INTERVAL=2;BYDAY=FR                  | every 2 weeks on Friday
			FREQ=MONTHLY                                     | every month
			FREQ=MONTHLY;INTERVAL=6                          | every 6 months
			FREQ=MONTHLY;BYMONTHDAY=15                       | every month on the 15th
			FREQ=MONTHLY;BYMONTHDAY=1                        | every month on the 1st
			FREQ=MONTHLY;BYMONTHDAY=22                       | every month on the 22nd
			FREQ=MONTHLY;BYMONTHDAY=13                       | every month on the 13th
			FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15            | every 3 months on the 15th
			FREQ=MONTHLY;BYMONTHDAY=-1                       | every last day of the month
			FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1            | every 2 months on the last day
			FREQ=MONTHLY;BYMONTHDAY=-2                       | every month on the 2nd to last day
			FREQ=MONTHLY;BYMONTHDAY=1,15                     | every month on the 1st, 15th
			FREQ=MONTHLY;BYDAY=3FR                           | every 3rd Friday
			FREQ=MONTHLY;BYDAY=1MO                           | every 1st Monday
			FREQ=MONTHLY;BYDAY=-1FR                          | every last Friday
			FREQ=MONTHLY;BYDAY=-2SU                          | every 2nd to last Sunday
			FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU                | every 2 months on the 2nd Tuesday
			FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1    | every last weekday of the month
			FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1     | every 1st weekday of the month
			FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR              | every month on the 13th, if a Friday
			FREQ=YEARLY                                      | every year
			FREQ=YEARLY;INTERVAL=4                           | every 4 years
			FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15              | every year on Mar 15
			FREQ=YEARLY;BYMONTH=11;BYDAY=4TH                 | every year on the 4th Thursday of November
			FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU                 | every year on the last Sunday of March
			FREQ=YEARLY;BYDAY=20MO                           | every year on the 20th Monday of the year
			FREQ=YEARLY;BYMONTH=1,7                          | every year in Jan, Jul
			FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29               | every day on the 29th, in Feb
			FREQ=MONTHLY;BYDAY=1MO,3FR                       | every month on the 1st Mon, 3rd Fri
			FREQ=YEARLY;BYMONTH=3;BYSETPOS=-1;BYDAY=MO,FR    | every year on Mon, Fri, in Mar, the last of those
			""")
	void describesEachRuleAsItIsSaid(String rule, String words) {
		assertThat(WORDS.describe(RecurrenceRule.parse(rule), Anchor.DUE)).isEqualTo(words);
	}

	@Test
	void saysFromCompletion() {
		assertThat(WORDS.describe(RecurrenceRule.parse("FREQ=DAILY;INTERVAL=3"), Anchor.COMPLETION))
			.isEqualTo("every 3 days from completion");
	}

	@Test
	void endsWithHowManyTimesOrUntilWhen() {
		assertThat(WORDS.describe(RecurrenceRule.parse("FREQ=DAILY;COUNT=10"), Anchor.DUE))
			.isEqualTo("every day, 10 times");
		assertThat(WORDS.describe(RecurrenceRule.parse("FREQ=DAILY;COUNT=1"), Anchor.DUE))
			.isEqualTo("every day, 1 time");
		assertThat(WORDS.describe(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231"), Anchor.DUE))
			.isEqualTo("every Monday, until Dec 31");
		assertThat(WORDS.describe(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270630"), Anchor.DUE))
			.isEqualTo("every Monday, until Jun 30 2027");
	}

	@Test
	void showsAUtcUntilAsTheOwnersDay() {
		// 03:00Z on 1 January is still 31 December in New York.
		assertThat(WORDS.describe(RecurrenceRule.parse("FREQ=DAILY;UNTIL=20270101T030000Z"), Anchor.DUE))
			.isEqualTo("every day, until Dec 31");
	}

	@Test
	void addsTheFirstDueWhenGiven() {
		assertThat(WORDS.describe(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=MO;COUNT=10"), Anchor.DUE,
				LocalDate.parse("2026-12-18")))
			.isEqualTo("every Monday from Dec 18, 10 times");
		assertThat(WORDS.describe(RecurrenceRule.parse("FREQ=DAILY;INTERVAL=3"), Anchor.COMPLETION,
				LocalDate.parse("2027-01-04")))
			.isEqualTo("every 3 days from completion, starting Jan 4 2027");
	}

	@Test
	void describesEveryRuleTheServiceAccepts() {
		Random random = new Random(7);
		for (int run = 0; run < 2000; run++) {
			RecurrenceRule rule = OccurrencesPropertyTests.randomRule(random, LocalDateTime.parse("2026-11-29T09:00"));

			assertThat(WORDS.describe(rule, Anchor.DUE)).as(rule.text()).matches("every [^,]+\\S.*");
		}
	}

	@Test
	void namesTheOrdinalsAsSpoken() {
		assertThat(RuleWords.ordinal(11)).isEqualTo("11th");
		assertThat(RuleWords.ordinal(12)).isEqualTo("12th");
		assertThat(RuleWords.ordinal(21)).isEqualTo("21st");
		assertThat(RuleWords.ordinal(23)).isEqualTo("23rd");
		assertThat(RuleWords.ordinal(-3)).isEqualTo("3rd to last");
	}

}
