package org.tasktracker.recurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random rules from the accepted subset, started on random days (month ends,
 * 29 February, daylight-saving changes) in zones with unusual clocks, checked against
 * {@link BruteForceSeries}. Seeded, so a failure comes back the same.
 */
class OccurrencesPropertyTests {

	private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/London"), ZoneId.of("America/New_York"),
			ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Kiritimati"), ZoneOffset.UTC);

	/** Times that daylight-saving changes skip or repeat somewhere among the zones. */
	private static final List<LocalTime> TIMES = List.of(LocalTime.MIDNIGHT, LocalTime.of(0, 30), LocalTime.of(1, 30),
			LocalTime.of(2, 0), LocalTime.of(2, 15), LocalTime.of(2, 30), LocalTime.of(3, 0), LocalTime.of(9, 0),
			LocalTime.of(23, 45));

	/**
	 * How far past the bounds the brute force looks; further, only absence is checked.
	 */
	private static final int WINDOW_YEARS = 4;

	private static final DateTimeFormatter UNTIL_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

	private static final DateTimeFormatter UNTIL_INSTANT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	@Test
	void nextFromDueIsTheFirstOccurrenceAfterBothBounds() {
		Random random = new Random(20261204);
		int found = 0;
		for (int run = 0; run < 2000; run++) {
			ZoneId zone = pick(random, ZONES);
			LocalDateTime start = randomStart(random, zone);
			RecurrenceRule rule = randomRule(random, start);
			List<LocalDateTime> early = BruteForceSeries.occurrences(rule, start, start.toLocalDate().plusYears(2));
			LocalDateTime currentDue = random.nextBoolean() ? pick(random, early)
					: start.plusMinutes(random.nextInt(2 * 366 * 24 * 60));
			LocalDateTime after = start.plusMinutes(random.nextInt(4 * 366 * 24 * 60) - 366 * 24 * 60);
			String description = rule + " from " + start + " in " + zone + ", due " + currentDue + ", after " + after;

			Optional<Occurrence> next = Occurrences.nextFromDue(rule, start, currentDue, after, zone);

			Instant bound = later(instant(currentDue, zone), instant(after, zone));
			LocalDate lastDay = later(currentDue, after).toLocalDate().plusYears(WINDOW_YEARS);
			Optional<Occurrence> expected = expected(rule, BruteForceSeries.occurrences(rule, start, lastDay), zone,
					(at) -> instant(at, zone).isAfter(bound));
			if (expected != null) {
				assertThat(next).as(description).isEqualTo(expected);
			}
			else {
				assertThat(next).as(description)
					.satisfiesAnyOf((none) -> assertThat(none).isEmpty(),
							(beyond) -> assertThat(beyond.get().date()).isAfter(lastDay));
			}
			if (next.isPresent()) {
				found++;
				assertKeepsItsWallTime(next.get(), start.toLocalTime(), zone, description);
			}
		}
		assertThat(found).as("runs with a next occurrence").isGreaterThan(1000);
	}

	@Test
	void nextFromDueOfADateSeriesIsAfterToday() {
		Random random = new Random(1812);
		for (int run = 0; run < 800; run++) {
			ZoneId zone = pick(random, ZONES);
			LocalDate start = randomStart(random, zone).toLocalDate();
			RecurrenceRule rule = randomRule(random, start.atStartOfDay());
			LocalDate currentDue = start.plusDays(random.nextInt(400));
			LocalDate today = start.plusDays(random.nextInt(1500) - 200);
			String description = rule + " from " + start + ", due " + currentDue + ", today " + today;

			Optional<Occurrence> next = Occurrences.nextFromDue(rule, start, currentDue, today, zone);

			LocalDate lastDay = later(currentDue.atStartOfDay(), today.atStartOfDay()).toLocalDate()
				.plusYears(WINDOW_YEARS);
			Optional<Occurrence> expected = expected(rule,
					BruteForceSeries.occurrences(rule, start.atStartOfDay(), lastDay), zone,
					(at) -> at.toLocalDate().isAfter(currentDue) && at.toLocalDate().isAfter(today));
			if (expected != null) {
				assertThat(next).as(description).isEqualTo(expected);
			}
			else {
				assertThat(next).as(description)
					.satisfiesAnyOf((none) -> assertThat(none).isEmpty(),
							(beyond) -> assertThat(beyond.get().date()).isAfter(lastDay));
			}
			next.ifPresent((occurrence) -> assertThat(occurrence.at().toLocalTime()).isEqualTo(LocalTime.MIDNIGHT));
		}
	}

	@Test
	void nextFromCompletionRestartsTheSeriesOnTheDayOfCompletion() {
		Random random = new Random(4712);
		int found = 0;
		for (int run = 0; run < 1500; run++) {
			ZoneId zone = pick(random, ZONES);
			LocalDateTime originalDue = randomStart(random, zone);
			RecurrenceRule rule = randomRule(random, originalDue);
			// Either side of a daylight-saving change, or anywhere in the next years.
			LocalDate completionDay = random.nextBoolean() ? originalDue.toLocalDate().plusDays(random.nextInt(3) - 1)
					: originalDue.toLocalDate().plusDays(random.nextInt(3 * 366));
			int currentIndex = 1 + random.nextInt(rule.count().orElse(30));
			String description = rule + " due " + originalDue + " in " + zone + ", completed " + completionDay + " #"
					+ currentIndex;

			Optional<Occurrence> next = Occurrences.nextFromCompletion(rule, originalDue, completionDay, currentIndex,
					zone);

			LocalDateTime restart = completionDay.atTime(originalDue.toLocalTime());
			LocalDate lastDay = completionDay.plusYears(WINDOW_YEARS);
			Optional<LocalDateTime> first = BruteForceSeries.occurrences(rule, restart, lastDay)
				.stream()
				.filter((at) -> at.toLocalDate().isAfter(completionDay))
				.findFirst();
			if (first.isPresent()) {
				Occurrence occurrence = new Occurrence(first.get(), currentIndex + 1);
				assertThat(next).as(description)
					.isEqualTo(isPastEnd(rule, occurrence, zone) ? Optional.empty() : Optional.of(occurrence));
			}
			else {
				assertThat(next).as(description)
					.satisfiesAnyOf((none) -> assertThat(none).isEmpty(),
							(beyond) -> assertThat(beyond.get().date()).isAfter(lastDay));
			}
			if (next.isPresent()) {
				found++;
				assertKeepsItsWallTime(next.get(), originalDue.toLocalTime(), zone, description);
			}
		}
		assertThat(found).as("runs with a next occurrence").isGreaterThan(750);
	}

	/**
	 * The brute force's answer: the first occurrence that passes the bounds, empty when
	 * the series ends first, null when neither happens within the window.
	 */
	private static Optional<Occurrence> expected(RecurrenceRule rule, List<LocalDateTime> series, ZoneId zone,
			java.util.function.Predicate<LocalDateTime> isAfterBounds) {
		for (int i = 0; i < series.size(); i++) {
			Occurrence occurrence = new Occurrence(series.get(i), i + 1);
			if (isPastEnd(rule, occurrence, zone)) {
				return Optional.empty();
			}
			if (isAfterBounds.test(occurrence.at())) {
				return Optional.of(occurrence);
			}
		}
		return null;
	}

	private static boolean isPastEnd(RecurrenceRule rule, Occurrence occurrence, ZoneId zone) {
		return (rule.count().isPresent() && occurrence.index() > rule.count().getAsInt())
				|| (rule.untilDate() != null && occurrence.date().isAfter(rule.untilDate()))
				|| (rule.untilInstant() != null && instant(occurrence.at(), zone).isAfter(rule.untilInstant()));
	}

	/**
	 * The series' time of day, on the wall clock too, unless a daylight-saving gap skips
	 * it that day: then it comes the gap's length later.
	 */
	private static void assertKeepsItsWallTime(Occurrence occurrence, LocalTime time, ZoneId zone, String description) {
		LocalDateTime at = occurrence.at();
		assertThat(at.toLocalTime()).as(description).isEqualTo(time);
		ZoneOffsetTransition gap = zone.getRules().getTransition(at);
		LocalDateTime onTheClock = at.atZone(zone).toLocalDateTime();
		if (gap != null && gap.isGap()) {
			assertThat(onTheClock).as(description).isEqualTo(at.plus(gap.getDuration()));
		}
		else {
			assertThat(onTheClock).as(description).isEqualTo(at);
		}
	}

	static RecurrenceRule randomRule(Random random, LocalDateTime start) {
		while (true) {
			try {
				return RecurrenceRule.parse(randomText(random, start));
			}
			catch (RuleRefusedException ex) {
				// A combination the subset refuses (a numbered BYDAY with BYMONTHDAY,
				// BYSETPOS alone): draw again.
			}
		}
	}

	private static String randomText(Random random, LocalDateTime start) {
		String frequency = pick(random, List.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY"));
		StringJoiner text = new StringJoiner(";");
		text.add("FREQ=" + frequency);
		if (random.nextInt(10) < 3) {
			text.add("INTERVAL=" + pick(random, List.of(2, 2, 3, 4, 5, 7, 13, 52, 1000)));
		}
		boolean byMonth = random.nextInt(4) == 0;
		if (byMonth) {
			text.add("BYMONTH=" + list(random, 1 + random.nextInt(3), () -> 1 + random.nextInt(12)));
		}
		if (!frequency.equals("WEEKLY") && random.nextInt(3) == 0) {
			text.add("BYMONTHDAY=" + list(random, 1 + random.nextInt(2),
					() -> pick(random, List.of(1, 2, 13, 15, 28, 29, 30, 31, -1, -2, -7, -29, -31))));
		}
		if (!frequency.equals("DAILY") && random.nextInt(2) == 0) {
			int maxOrdinal = (frequency.equals("MONTHLY") || byMonth) ? 5 : 53;
			boolean numbered = !frequency.equals("WEEKLY") && random.nextBoolean();
			text.add("BYDAY=" + list(random, 1 + random.nextInt(3), () -> {
				String day = RecurrenceRule.code(pick(random, List.of(DayOfWeek.values())));
				if (!numbered) {
					return day;
				}
				int ordinal = 1 + random.nextInt(maxOrdinal);
				return (random.nextBoolean() ? ordinal : -ordinal) + day;
			}));
		}
		if (random.nextInt(7) == 0) {
			text.add("BYSETPOS=" + list(random, 1 + random.nextInt(2), () -> pick(random, List.of(1, 2, 3, -1, -2))));
		}
		if (frequency.equals("WEEKLY") && random.nextInt(3) == 0) {
			text.add("WKST=" + RecurrenceRule.code(pick(random, List.of(DayOfWeek.values()))));
		}
		switch (random.nextInt(6)) {
			case 0 -> text.add("COUNT=" + (1 + random.nextInt(40)));
			case 1 -> text.add("UNTIL=" + UNTIL_DATE.format(start.toLocalDate().plusDays(random.nextInt(4 * 366))));
			case 2 -> text.add("UNTIL=" + UNTIL_INSTANT
				.format(start.toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(4 * 366 * 86400))));
			default -> {
			}
		}
		return text.toString();
	}

	/**
	 * Month ends, 29 February and the days around each zone's clock changes come up
	 * often; the rest of 1996 to 2034 otherwise.
	 */
	private static LocalDateTime randomStart(Random random, ZoneId zone) {
		LocalTime time = pick(random, TIMES);
		LocalDate day = LocalDate.of(1996, 1, 1).plusDays(random.nextInt(39 * 365));
		switch (random.nextInt(4)) {
			case 0 -> day = day.withDayOfMonth(day.lengthOfMonth() - random.nextInt(3));
			case 1 -> day = LocalDate.of(1996 + 4 * random.nextInt(10), 2, 29);
			case 2 -> {
				ZoneOffsetTransition change = zone.getRules().nextTransition(day.atStartOfDay(zone).toInstant());
				if (change != null) {
					day = change.getDateTimeBefore().toLocalDate().plusDays(random.nextInt(3) - 1);
					time = change.getDateTimeBefore().toLocalTime().plusMinutes(30 * (random.nextInt(3) - 1));
				}
			}
			default -> {
			}
		}
		return day.atTime(time);
	}

	private static <T> String list(Random random, int size, java.util.function.Supplier<T> item) {
		List<String> items = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			items.add(String.valueOf(item.get()));
		}
		return String.join(",", items);
	}

	private static <T> T pick(Random random, List<T> items) {
		return items.get(random.nextInt(items.size()));
	}

	private static Instant instant(LocalDateTime at, ZoneId zone) {
		return at.atZone(zone).toInstant();
	}

	private static Instant later(Instant one, Instant other) {
		return one.isAfter(other) ? one : other;
	}

	private static LocalDateTime later(LocalDateTime one, LocalDateTime other) {
		return one.isAfter(other) ? one : other;
	}

}
