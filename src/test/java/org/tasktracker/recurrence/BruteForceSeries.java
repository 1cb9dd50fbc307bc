package org.tasktracker.recurrence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.tasktracker.recurrence.RecurrenceRule.Frequency;
import org.tasktracker.recurrence.RecurrenceRule.Weekday;

/**
 * A second reading of the accepted subset, written from RFC 5545's expansion table
 * without the iCalendar library: every day of each of the rule's periods is tested
 * against each part. Slow and plain, to check {@link Occurrences} against. It ignores
 * {@code COUNT} and {@code UNTIL}, which the tests apply.
 */
final class BruteForceSeries {

	private BruteForceSeries() {
	}

	/**
	 * The series' start, then the rule's occurrences after it, up to the end of
	 * {@code lastDay}.
	 */
	static List<LocalDateTime> occurrences(RecurrenceRule rule, LocalDateTime start, LocalDate lastDay) {
		List<LocalDateTime> series = new ArrayList<>();
		series.add(start);
		LocalTime time = start.toLocalTime();
		for (long k = 0;; k++) {
			List<LocalDate> period = period(rule, start.toLocalDate(), k * rule.interval());
			if (period.get(0).isAfter(lastDay)) {
				return series;
			}
			for (LocalDate day : positions(rule, period.stream().filter((day) -> matches(rule, start, day)).toList())) {
				LocalDateTime at = day.atTime(time);
				if (at.isAfter(start) && !day.isAfter(lastDay)) {
					series.add(at);
				}
			}
		}
	}

	/** Every day of the period {@code offset} periods after the start's. */
	private static List<LocalDate> period(RecurrenceRule rule, LocalDate start, long offset) {
		LocalDate first;
		LocalDate end;
		switch (rule.frequency()) {
			case DAILY -> {
				first = start.plusDays(offset);
				end = first.plusDays(1);
			}
			case WEEKLY -> {
				first = start.with(TemporalAdjusters.previousOrSame(rule.weekStart())).plusWeeks(offset);
				end = first.plusWeeks(1);
			}
			case MONTHLY -> {
				first = YearMonth.from(start).plusMonths(offset).atDay(1);
				end = first.plusMonths(1);
			}
			default -> {
				first = Year.from(start).plusYears(offset).atDay(1);
				end = first.plusYears(1);
			}
		}
		return first.datesUntil(end).toList();
	}

	private static boolean matches(RecurrenceRule rule, LocalDateTime start, LocalDate day) {
		Frequency frequency = rule.frequency();
		boolean yearly = frequency == Frequency.YEARLY;
		boolean monthlyOrYearly = frequency == Frequency.MONTHLY || yearly;
		if (!rule.months().isEmpty()) {
			if (!rule.months().contains(day.getMonthValue())) {
				return false;
			}
		}
		else if (yearly && (rule.days().isEmpty() || !rule.monthDays().isEmpty())
				&& day.getMonth() != start.getMonth()) {
			return false;
		}
		if (!rule.monthDays().isEmpty()) {
			int length = day.lengthOfMonth();
			if (rule.monthDays().stream().noneMatch((n) -> day.getDayOfMonth() == ((n > 0) ? n : length + 1 + n))) {
				return false;
			}
		}
		else if (monthlyOrYearly && rule.days().isEmpty() && day.getDayOfMonth() != start.getDayOfMonth()) {
			return false;
		}
		if (!rule.days().isEmpty()) {
			return rule.days().stream().anyMatch((weekday) -> isDay(rule, weekday, day));
		}
		return frequency != Frequency.WEEKLY || day.getDayOfWeek() == start.getDayOfWeek();
	}

	/** Whether the day is that weekday, and the numbered one in its month or year. */
	private static boolean isDay(RecurrenceRule rule, Weekday weekday, LocalDate day) {
		DayOfWeek dayOfWeek = weekday.day();
		if (day.getDayOfWeek() != dayOfWeek) {
			return false;
		}
		int n = weekday.ordinal();
		if (n == 0) {
			return true;
		}
		boolean inMonth = rule.frequency() == Frequency.MONTHLY || !rule.months().isEmpty();
		int position = inMonth ? day.getDayOfMonth() : day.getDayOfYear();
		int length = inMonth ? day.lengthOfMonth() : day.lengthOfYear();
		return (n > 0) ? (position - 1) / 7 + 1 == n : (length - position) / 7 + 1 == -n;
	}

	private static List<LocalDate> positions(RecurrenceRule rule, List<LocalDate> days) {
		if (rule.setPositions().isEmpty()) {
			return days;
		}
		TreeSet<LocalDate> chosen = new TreeSet<>();
		for (int position : rule.setPositions()) {
			int i = (position > 0) ? position - 1 : days.size() + position;
			if (i >= 0 && i < days.size()) {
				chosen.add(days.get(i));
			}
		}
		return new ArrayList<>(chosen);
	}

}
