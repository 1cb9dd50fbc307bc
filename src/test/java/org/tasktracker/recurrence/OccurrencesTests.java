package org.tasktracker.recurrence;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class OccurrencesTests {

	private static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Test
	void anOverdueDailyDateTaskCompletedTodayIsNextDueTomorrow() {
		LocalDate start = LocalDate.parse("2026-12-01");

		assertThat(Occurrences.nextFromDue(rule("FREQ=DAILY"), start, start, LocalDate.parse("2026-12-04"), LONDON))
			.contains(new Occurrence(LocalDateTime.parse("2026-12-05T00:00"), 5));
	}

	@Test
	void anOverdueDailyTaskCompletedBeforeItsTimeTodayIsNextDueLaterToday() {
		LocalDateTime start = LocalDateTime.parse("2026-12-01T09:00");

		assertThat(Occurrences.nextFromDue(rule("FREQ=DAILY"), start, start, LocalDateTime.parse("2026-12-04T08:00"),
				LONDON))
			.contains(new Occurrence(LocalDateTime.parse("2026-12-04T09:00"), 4));
	}

	@Test
	void aTaskCompletedAheadOfTimeMovesOneOccurrenceOn() {
		LocalDateTime start = LocalDateTime.parse("2026-12-01T09:00");

		assertThat(Occurrences.nextFromDue(rule("FREQ=WEEKLY"), start, LocalDateTime.parse("2026-12-08T09:00"),
				LocalDateTime.parse("2026-12-02T10:00"), LONDON))
			.contains(new Occurrence(LocalDateTime.parse("2026-12-15T09:00"), 3));
	}

	@Test
	void keepsNineInTheMorningAcrossTheClockChanges() {
		LocalDateTime start = LocalDateTime.parse("2026-03-27T09:00");

		Occurrence spring = Occurrences
			.nextFromDue(rule("FREQ=DAILY"), start, LocalDateTime.parse("2026-03-28T09:00"),
					LocalDateTime.parse("2026-03-28T12:00"), LONDON)
			.orElseThrow();
		Occurrence autumn = Occurrences
			.nextFromDue(rule("FREQ=DAILY"), start, LocalDateTime.parse("2026-10-24T09:00"),
					LocalDateTime.parse("2026-10-24T12:00"), LONDON)
			.orElseThrow();

		assertThat(spring.at().atZone(LONDON)).hasToString("2026-03-29T09:00+01:00[Europe/London]");
		assertThat(autumn.at().atZone(LONDON)).hasToString("2026-10-25T09:00Z[Europe/London]");
	}

	@Test
	void aTimeTheSpringGapSkipsFallsDueAnHourLaterAndTheNextIsBackOnTime() {
		LocalDateTime start = LocalDateTime.parse("2026-03-27T01:30");

		Occurrence inTheGap = Occurrences
			.nextFromDue(rule("FREQ=DAILY"), start, LocalDateTime.parse("2026-03-28T01:30"),
					LocalDateTime.parse("2026-03-29T02:10"), LONDON)
			.orElseThrow();
		Occurrence after = Occurrences
			.nextFromDue(rule("FREQ=DAILY"), start, inTheGap.at(), inTheGap.at().atZone(LONDON).toLocalDateTime(),
					LONDON)
			.orElseThrow();

		assertThat(inTheGap).isEqualTo(new Occurrence(LocalDateTime.parse("2026-03-29T01:30"), 3));
		assertThat(inTheGap.at().atZone(LONDON)).hasToString("2026-03-29T02:30+01:00[Europe/London]");
		assertThat(after.at()).isEqualTo(LocalDateTime.parse("2026-03-30T01:30"));
	}

	@Test
	void aDayTheZoneSkipsFallsDueTheNextDayOnce() {
		// Kiritimati went from UTC-10 to UTC+14 and had no 31 December 1994.
		ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
		LocalDateTime start = LocalDateTime.parse("1994-12-29T09:00");

		Occurrence skipped = Occurrences
			.nextFromDue(rule("FREQ=DAILY"), start, LocalDateTime.parse("1994-12-30T09:00"),
					LocalDateTime.parse("1994-12-30T10:00"), kiritimati)
			.orElseThrow();
		Occurrence next = Occurrences
			.nextFromDue(rule("FREQ=DAILY"), start, skipped.at(), skipped.at().atZone(kiritimati).toLocalDateTime(),
					kiritimati)
			.orElseThrow();

		assertThat(skipped.at().atZone(kiritimati)).hasToString("1995-01-01T09:00+14:00[Pacific/Kiritimati]");
		assertThat(next).isEqualTo(new Occurrence(LocalDateTime.parse("1995-01-02T09:00"), 5));
	}

	@Test
	void fromCompletionEveryThreeDaysCompletedOnTheFourthIsDueOnTheSeventh() {
		assertThat(Occurrences.nextFromCompletion(rule("FREQ=DAILY;INTERVAL=3"), LocalDate.parse("2026-12-01"),
				LocalDate.parse("2026-12-04"), 1, LONDON))
			.contains(new Occurrence(LocalDateTime.parse("2026-12-07T00:00"), 2));
	}

	@Test
	void fromCompletionKeepsTheOriginalTimeOfDay() {
		assertThat(Occurrences.nextFromCompletion(rule("FREQ=DAILY;INTERVAL=3"),
				LocalDateTime.parse("2026-03-27T18:45"), LocalDate.parse("2026-03-28"), 4, LONDON))
			.contains(new Occurrence(LocalDateTime.parse("2026-03-31T18:45"), 5));
	}

	@Test
	void fromCompletionEveryMondayCompletedOnAMondayIsDueTheMondayAfter() {
		LocalDate monday = LocalDate.parse("2026-12-07");

		assertThat(Occurrences.nextFromCompletion(rule("FREQ=WEEKLY;BYDAY=MO"), monday, monday, 1, LONDON))
			.map(Occurrence::date)
			.contains(LocalDate.parse("2026-12-14"));
		assertThat(Occurrences.nextFromCompletion(rule("FREQ=WEEKLY;BYDAY=MO"), monday, monday.plusDays(2), 1, LONDON))
			.map(Occurrence::date)
			.contains(LocalDate.parse("2026-12-14"));
	}

	@Test
	void fromCompletionCountsCompletions() {
		RecurrenceRule rule = rule("FREQ=DAILY;COUNT=3");
		LocalDate due = LocalDate.parse("2026-12-01");

		assertThat(Occurrences.nextFromCompletion(rule, due, LocalDate.parse("2026-12-09"), 2, LONDON))
			.contains(new Occurrence(LocalDateTime.parse("2026-12-10T00:00"), 3));
		assertThat(Occurrences.nextFromCompletion(rule, due, LocalDate.parse("2026-12-09"), 3, LONDON)).isEmpty();
	}

	@Test
	void countIncludesTheStartEvenWhenTheRuleWouldNotProduceIt() {
		RecurrenceRule rule = rule("FREQ=WEEKLY;BYDAY=MO;COUNT=2");
		LocalDate wednesday = LocalDate.parse("2026-12-02");

		assertThat(series(rule, wednesday.atStartOfDay(), LONDON))
			.containsExactly(LocalDateTime.parse("2026-12-02T00:00"), LocalDateTime.parse("2026-12-07T00:00"));
	}

	@Test
	void untilADateIncludesThatDay() {
		assertThat(series(rule("FREQ=DAILY;UNTIL=20261203"), LocalDateTime.parse("2026-12-01T23:30"), LONDON))
			.containsExactly(LocalDateTime.parse("2026-12-01T23:30"), LocalDateTime.parse("2026-12-02T23:30"),
					LocalDateTime.parse("2026-12-03T23:30"));
	}

	@Test
	void untilAUtcDateTimeIsComparedInTheOwnersZone() {
		// 03:59:59Z on 1 January is 22:59:59 on 31 December in New York.
		RecurrenceRule rule = rule("FREQ=DAILY;UNTIL=20270101T035959Z");

		assertThat(series(rule, LocalDateTime.parse("2026-12-30T22:00"), NEW_YORK))
			.endsWith(LocalDateTime.parse("2026-12-31T22:00"));
		assertThat(series(rule, LocalDateTime.parse("2026-12-30T23:30"), NEW_YORK))
			.endsWith(LocalDateTime.parse("2026-12-30T23:30"));
		assertThat(series(rule, LocalDateTime.parse("2026-12-30T23:30"), ZoneOffset.UTC))
			.endsWith(LocalDateTime.parse("2026-12-31T23:30"));
	}

	@Test
	void aMonthlyThirtyFirstSkipsShorterMonths() {
		assertThat(series(rule("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4"), LocalDateTime.parse("2026-01-31T09:00"), LONDON))
			.extracting(LocalDateTime::toLocalDate)
			.containsExactly(LocalDate.parse("2026-01-31"), LocalDate.parse("2026-03-31"),
					LocalDate.parse("2026-05-31"), LocalDate.parse("2026-07-31"));
	}

	@Test
	void aMonthlyLastDayIsEachMonthsLast() {
		assertThat(series(rule("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3"), LocalDateTime.parse("2028-01-31T09:00"), LONDON))
			.extracting(LocalDateTime::toLocalDate)
			.containsExactly(LocalDate.parse("2028-01-31"), LocalDate.parse("2028-02-29"),
					LocalDate.parse("2028-03-31"));
	}

	@Test
	void aYearlySeriesFromTheTwentyNinthOfFebruaryWaitsForLeapYears() {
		assertThat(series(rule("FREQ=YEARLY;COUNT=3"), LocalDateTime.parse("2024-02-29T09:00"), LONDON))
			.extracting(LocalDateTime::toLocalDate)
			.containsExactly(LocalDate.parse("2024-02-29"), LocalDate.parse("2028-02-29"),
					LocalDate.parse("2032-02-29"));
	}

	@Test
	void findsAnOccurrenceYearsAwayPastALongRunOfEmptyDays() {
		// No 29 February between 2096 and 2104.
		LocalDateTime start = LocalDateTime.parse("2096-02-29T09:00");

		assertThat(Occurrences.nextFromDue(rule("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29"), start, start, start, LONDON))
			.contains(new Occurrence(LocalDateTime.parse("2104-02-29T09:00"), 2));
	}

	@Test
	void aYearlyIntervalLongerThanAHundredYearsFindsItsNextOccurrence() {
		LocalDate start = LocalDate.parse("2026-12-10");

		assertThat(Occurrences.nextFromDue(rule("FREQ=YEARLY;INTERVAL=101"), start, start, start, LONDON))
			.contains(new Occurrence(LocalDateTime.parse("2127-12-10T00:00"), 2));
		assertThat(Occurrences.nextFromDue(rule("FREQ=YEARLY;INTERVAL=1000"), start, start, start, LONDON))
			.contains(new Occurrence(LocalDateTime.parse("3026-12-10T00:00"), 2));
	}

	@Test
	void aDayOnlySomeLongPeriodsHaveComesRoundCenturiesAway() {
		// Every 989 months from a 31 January: June, November, April and September have
		// 30 days, February fewer; July, six periods on, has a 31st.
		LocalDateTime thirtyFirst = LocalDateTime.parse("2027-01-31T09:00");
		// Every 101 years from a 29 February: 2129, 2230 and 2331 are not leap years.
		LocalDateTime leapDay = LocalDateTime.parse("2028-02-29T09:00");

		assertThat(Occurrences.nextFromDue(rule("FREQ=MONTHLY;INTERVAL=989;BYMONTHDAY=31"), thirtyFirst, thirtyFirst,
				thirtyFirst, LONDON))
			.contains(new Occurrence(LocalDateTime.parse("2521-07-31T09:00"), 2));
		assertThat(Occurrences.nextFromDue(rule("FREQ=YEARLY;INTERVAL=101"), leapDay, leapDay, leapDay, LONDON))
			.contains(new Occurrence(LocalDateTime.parse("2432-02-29T09:00"), 2));
	}

	@Test
	void noOccurrenceFallsAfterTheYear9999() {
		LocalDate start = LocalDate.parse("9500-06-01");

		assertThat(Occurrences.nextFromDue(rule("FREQ=YEARLY;INTERVAL=1000"), start, start, start, LONDON)).isEmpty();
		assertThat(Occurrences.nextFromDue(rule("FREQ=YEARLY;INTERVAL=400"), start, start, start, LONDON))
			.contains(new Occurrence(LocalDateTime.parse("9900-06-01T00:00"), 2));
	}

	@Test
	void aRuleThatNeverOccursEndsTheSeriesQuickly() {
		LocalDateTime start = LocalDateTime.parse("2026-12-01T09:00");

		assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
			for (String never : List.of("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31",
					"FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYSETPOS=2,-2,3",
					"FREQ=MONTHLY;INTERVAL=12;BYMONTH=3")) {
				assertThat(Occurrences.nextFromDue(rule(never), start, start, start, LONDON)).as(never).isEmpty();
			}
		});
	}

	@Test
	void weekStartChangesWhichWeeksABiweeklyRuleTakes() {
		// RFC 5545's own example, from Tuesday 5 August 1997.
		LocalDateTime start = LocalDateTime.parse("1997-08-05T09:00");

		assertThat(series(rule("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"), start, LONDON))
			.extracting(LocalDateTime::getDayOfMonth)
			.containsExactly(5, 10, 19, 24);
		assertThat(series(rule("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"), start, LONDON))
			.extracting(LocalDateTime::getDayOfMonth)
			.containsExactly(5, 17, 19, 31);
	}

	@Test
	void theLastWeekdayOfEachMonth() {
		assertThat(series(rule("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4"),
				LocalDateTime.parse("2026-05-29T17:00"), LONDON))
			.extracting(LocalDateTime::toLocalDate)
			.containsExactly(LocalDate.parse("2026-05-29"), LocalDate.parse("2026-06-30"),
					LocalDate.parse("2026-07-31"), LocalDate.parse("2026-08-31"));
	}

	/** The whole series, one completion at a time, each at its due. */
	private static List<LocalDateTime> series(RecurrenceRule rule, LocalDateTime start, ZoneId zone) {
		List<LocalDateTime> series = new ArrayList<>(List.of(start));
		Optional<Occurrence> next = Occurrences.nextFromDue(rule, start, start, start, zone);
		while (next.isPresent() && series.size() < 100) {
			series.add(next.get().at());
			assertThat(next.get().index()).isEqualTo(series.size());
			next = Occurrences.nextFromDue(rule, start, next.get().at(), next.get().at(), zone);
		}
		return series;
	}

	private static RecurrenceRule rule(String text) {
		return RecurrenceRule.parse(text);
	}

}
