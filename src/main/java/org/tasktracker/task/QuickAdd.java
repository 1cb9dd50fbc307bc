package org.tasktracker.task;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the web UI's quick-add field understands in one line of text: {@code #project},
 * {@code @label}, {@code !1} to {@code !4}, a date ({@code today}, {@code tomorrow}, a
 * weekday, {@code next week}, {@code in 3 days}, {@code dec 1}, {@code 2026-12-01}) and a
 * time ({@code at 9:00}, {@code 9am}). The rest, in order, is the title. Dates are the
 * user's, worked out from the user's today.
 *
 * @param title the words that are not a token, in order; may be empty
 * @param project the project's name as typed (without {@code #}), or null
 * @param labels the labels as typed (without {@code @}), in order, without repeats
 * @param priority 1 to 4; 1 unless given
 * @param date the due date, or null; today when only a time was given
 * @param time the due time of day, or null for an all-day date
 */
record QuickAdd(String title, @Nullable String project, List<String> labels, int priority, @Nullable LocalDate date,
		@Nullable LocalTime time) {

	private static final Pattern PRIORITY = Pattern.compile("!([1-4])");

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?");

	private static final Pattern DAY_NUMBER = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?");

	static QuickAdd parse(String text, LocalDate today) {
		List<String> words = new ArrayList<>(List.of(text.trim().split("\\s+")));
		words.removeIf(String::isEmpty);
		List<String> title = new ArrayList<>();
		String project = null;
		List<String> labels = new ArrayList<>();
		int priority = 1;
		LocalDate date = null;
		LocalTime time = null;
		int i = 0;
		while (i < words.size()) {
			String word = words.get(i);
			String lower = word.toLowerCase(Locale.ROOT);
			String next = (i + 1 < words.size()) ? words.get(i + 1).toLowerCase(Locale.ROOT) : null;
			String afterNext = (i + 2 < words.size()) ? words.get(i + 2).toLowerCase(Locale.ROOT) : null;
			Matcher priorityMatch = PRIORITY.matcher(lower);
			if (word.length() > 1 && word.startsWith("#")) {
				project = word.substring(1);
			}
			else if (word.length() > 1 && word.startsWith("@")) {
				String label = word.substring(1);
				if (labels.stream().noneMatch(label::equalsIgnoreCase)) {
					labels.add(label);
				}
			}
			else if (priorityMatch.matches()) {
				priority = Integer.parseInt(priorityMatch.group(1));
			}
			else if (lower.equals("today")) {
				date = today;
			}
			else if (lower.equals("tomorrow")) {
				date = today.plusDays(1);
			}
			else if (lower.equals("next") && "week".equals(next)) {
				date = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
				i++;
			}
			else if (lower.equals("in") && next != null && next.matches("\\d{1,3}") && afterNext != null
					&& unitDays(afterNext) > 0) {
				date = today.plusDays((long) Integer.parseInt(next) * unitDays(afterNext));
				i += 2;
			}
			else if (weekday(lower) != null) {
				date = today.with(TemporalAdjusters.next(weekday(lower)));
			}
			else if (ISO_DATE.matcher(lower).matches() && isoDate(lower) != null) {
				date = isoDate(lower);
			}
			else if (month(lower) != null && next != null && DAY_NUMBER.matcher(next).matches()
					&& monthDay(month(lower), next) != null) {
				date = nextOccurrence(monthDay(month(lower), next), today);
				i++;
			}
			else if (DAY_NUMBER.matcher(lower).matches() && next != null && month(next) != null
					&& monthDay(month(next), lower) != null) {
				date = nextOccurrence(monthDay(month(next), lower), today);
				i++;
			}
			else if (lower.equals("at") && next != null && time(next, true) != null) {
				time = time(next, true);
				i++;
			}
			else if (time(lower, false) != null) {
				time = time(lower, false);
			}
			else {
				title.add(word);
			}
			i++;
		}
		if (time != null && date == null) {
			date = today;
		}
		return new QuickAdd(String.join(" ", title), project, List.copyOf(labels), priority, date, time);
	}

	private static int unitDays(String unit) {
		return switch (unit) {
			case "day", "days" -> 1;
			case "week", "weeks" -> 7;
			default -> 0;
		};
	}

	private static @Nullable DayOfWeek weekday(String word) {
		for (DayOfWeek day : DayOfWeek.values()) {
			String full = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
			if (word.equals(full) || word.equals(full.substring(0, 3))) {
				return day;
			}
		}
		return null;
	}

	private static @Nullable Month month(String word) {
		for (Month month : Month.values()) {
			String full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
			if (word.equals(full) || word.equals(full.substring(0, 3))) {
				return month;
			}
		}
		return null;
	}

	private static @Nullable MonthDay monthDay(Month month, String day) {
		Matcher matcher = DAY_NUMBER.matcher(day);
		if (!matcher.matches()) {
			return null;
		}
		int number = Integer.parseInt(matcher.group(1));
		return (number >= 1 && number <= month.maxLength()) ? MonthDay.of(month, number) : null;
	}

	/**
	 * The day's next date from today on, today included; 29 February waits for a leap
	 * year.
	 */
	private static LocalDate nextOccurrence(MonthDay day, LocalDate today) {
		for (int year = today.getYear();; year++) {
			if (day.isValidYear(year) && !day.atYear(year).isBefore(today)) {
				return day.atYear(year);
			}
		}
	}

	private static @Nullable LocalDate isoDate(String word) {
		try {
			return LocalDate.parse(word);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * {@code 9}, {@code 9:30}, {@code 21:15}, {@code 9am}, {@code 9:30pm}. A bare number
	 * is a time only after {@code at}: on its own it is part of the title.
	 */
	private static @Nullable LocalTime time(String word, boolean afterAt) {
		Matcher matcher = TIME.matcher(word);
		if (!matcher.matches() || (!afterAt && matcher.group(2) == null && matcher.group(3) == null)) {
			return null;
		}
		int hour = Integer.parseInt(matcher.group(1));
		int minute = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : 0;
		String half = matcher.group(3);
		if (half != null) {
			if (hour < 1 || hour > 12) {
				return null;
			}
			hour = (hour % 12) + ("pm".equals(half) ? 12 : 0);
		}
		return (hour <= 23 && minute <= 59) ? LocalTime.of(hour, minute) : null;
	}

}
