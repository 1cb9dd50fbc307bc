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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.tasktracker.recurrence.Anchor;
import org.tasktracker.recurrence.RecurrencePhrase;
import org.tasktracker.recurrence.RecurrencePhrases;

/**
 * What the web UI's quick-add field understands in one line of text, read as a Todoist
 * user types it in English: {@code #project}, {@code @label}, a priority ({@code p1}
 * urgent to {@code p4} normal, or the older {@code !4} urgent to {@code !1} normal), a
 * date ({@code today}, {@code tmr}, {@code friday}, {@code next friday},
 * {@code in 3 days}, {@code dec 1}, {@code 12/20}, {@code 2026-12-01}...), optionally
 * after {@code due}, {@code on} or {@code by}, and a time ({@code at 9:00}, {@code 2pm}).
 * The rest, in order, is the title. Dates are the user's, worked out from the user's
 * today; {@code docs/design/web-ui.md} lists every form and what it means.
 *
 * @param title the words that are not a token, in order; may be empty
 * @param project the project's name as typed (without {@code #}), or null
 * @param labels the labels as typed (without {@code @}), in order, without repeats
 * @param priority 1 (normal) to 4 (urgent), the API's scale; 1 unless given
 * @param date the due date, or null; today when only a time was given
 * @param time the due time of day, or null for an all-day date
 * @param warnings what looked like a date or a time but is none, each kept in the title
 * @param recurrence how the task repeats ({@code every monday}, {@code every! 3 days},
 * ... read by {@link RecurrencePhrases}), or null
 */
record QuickAdd(String title, @Nullable String project, List<String> labels, int priority, @Nullable LocalDate date,
		@Nullable LocalTime time, List<String> warnings, @Nullable Recurrence recurrence) {

	QuickAdd(String title, @Nullable String project, List<String> labels, int priority, @Nullable LocalDate date,
			@Nullable LocalTime time, List<String> warnings) {
		this(title, project, labels, priority, date, time, warnings, null);
	}

	/**
	 * Reads the text: a recurrence phrase first (its words leave the title), then the
	 * other tokens. A recurring task typed without a date falls due on its rule's first
	 * day from today on ({@code every monday} typed on a Wednesday: next Monday).
	 */
	static QuickAdd parse(String text, LocalDate today) {
		Optional<RecurrencePhrase> phrase = RecurrencePhrases.find(text, today);
		if (phrase.isEmpty()) {
			return parseTokens(text, today);
		}
		RecurrencePhrase found = phrase.get();
		QuickAdd rest = parseTokens(text.substring(0, found.start()) + " " + text.substring(found.end()), today);
		LocalDate date = (rest.date() != null) ? rest.date() : found.firstDue();
		if (date == null) {
			// Its "until" has passed: no occurrence is left, so the phrase is left as
			// typed.
			return parseTokens(text, today);
		}
		Recurrence recurrence = new Recurrence(found.rule().text(),
				(found.from() == Anchor.COMPLETION) ? Recurrence.FROM_COMPLETION : Recurrence.FROM_DUE);
		return new QuickAdd(rest.title(), rest.project(), rest.labels(), rest.priority(), date, rest.time(),
				rest.warnings(), recurrence);
	}

	/** {@code tonight} without a time: the evening's usual start. */
	static final LocalTime TONIGHT = LocalTime.of(19, 0);

	private static final Pattern PRIORITY = Pattern.compile("!([1-4])");

	private static final Pattern TODOIST_PRIORITY = Pattern.compile("p([1-4])");

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	/** Month/day, as Todoist reads it in English, with an optional year. */
	private static final Pattern SLASH_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?");

	private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?");

	/** What a reader takes for a time, readable or not: {@code 25:00}, {@code 13pm}. */
	private static final Pattern TIME_LIKE = Pattern.compile("\\d{1,2}(?::\\d{2}(?:am|pm)?|am|pm)");

	private static final Pattern DAY_NUMBER = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?");

	/** Words that Todoist users put before a date; swallowed only when a date follows. */
	private static final List<String> DATE_LEADS = List.of("due", "on", "by");

	private static QuickAdd parseTokens(String text, LocalDate today) {
		List<String> words = new ArrayList<>(List.of(text.trim().split("\\s+")));
		words.removeIf(String::isEmpty);
		List<String> lower = words.stream().map((word) -> word.toLowerCase(Locale.ROOT)).toList();
		List<String> title = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		String project = null;
		List<String> labels = new ArrayList<>();
		int priority = 1;
		LocalDate date = null;
		LocalTime impliedTime = null;
		TimePhrase time = null;
		int i = 0;
		while (i < words.size()) {
			String word = words.get(i);
			String low = lower.get(i);
			Matcher priorityMatch = PRIORITY.matcher(low);
			Matcher todoistPriority = TODOIST_PRIORITY.matcher(low);
			DatePhrase datePhrase = datePhrase(lower, i, today);
			DatePhrase afterLead = (datePhrase == null && DATE_LEADS.contains(low)) ? datePhrase(lower, i + 1, today)
					: null;
			TimePhrase timePhrase = (datePhrase == null && afterLead == null) ? timePhrase(lower, i) : null;
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
			else if (todoistPriority.matches()) {
				priority = 5 - Integer.parseInt(todoistPriority.group(1));
			}
			else if (datePhrase != null || afterLead != null) {
				DatePhrase phrase = (datePhrase != null) ? datePhrase : afterLead;
				date = phrase.date();
				impliedTime = phrase.impliedTime();
				i += phrase.words() - ((datePhrase != null) ? 1 : 0);
			}
			else if (timePhrase != null) {
				time = timePhrase;
				i += timePhrase.words() - 1;
			}
			else {
				String unreadable = unreadable(lower, i);
				if (unreadable != null) {
					warnings.add(unreadable);
				}
				title.add(word);
			}
			i++;
		}
		LocalTime at = (time != null) ? time.time() : impliedTime;
		if (time != null && impliedTime != null && !time.halfGiven() && time.time().getHour() < 12
				&& impliedTime.getHour() >= 12) {
			// "tonight at 8" is 20:00.
			at = time.time().plusHours(12);
		}
		if (at != null && date == null) {
			date = today;
		}
		return new QuickAdd(String.join(" ", title), project, List.copyOf(labels), priority, date, at,
				List.copyOf(warnings));
	}

	/**
	 * The priority as Todoist shows it: {@code P1} for urgent (4) to {@code P4} for
	 * normal (1).
	 */
	static String todoistPriority(int priority) {
		return "P" + (5 - priority);
	}

	/**
	 * A date read from some words.
	 *
	 * @param date the day
	 * @param words how many words it took
	 * @param impliedTime the time the words imply when none is given ({@code tonight}),
	 * or null
	 */
	private record DatePhrase(LocalDate date, int words, @Nullable LocalTime impliedTime) {

		DatePhrase(LocalDate date, int words) {
			this(date, words, null);
		}

	}

	/**
	 * A time read from some words.
	 *
	 * @param time the time of day
	 * @param words how many words it took
	 * @param halfGiven whether {@code am} or {@code pm} was typed
	 */
	private record TimePhrase(LocalTime time, int words, boolean halfGiven) {
	}

	/** The date that the words from {@code i} on begin with, or null. */
	private static @Nullable DatePhrase datePhrase(List<String> words, int i, LocalDate today) {
		String word = at(words, i);
		String next = at(words, i + 1);
		String afterNext = at(words, i + 2);
		if (word == null) {
			return null;
		}
		switch (word) {
			case "today":
				return new DatePhrase(today, 1);
			case "tonight":
				return new DatePhrase(today, 1, TONIGHT);
			case "tomorrow", "tmr", "tmrw":
				return new DatePhrase(today.plusDays(1), 1);
			case "yesterday":
				return new DatePhrase(today.minusDays(1), 1);
			default:
				break;
		}
		// Weeks begin on Monday, as Todoist's do by default: "next friday" is the Friday
		// of
		// next week, and "next week" its Monday.
		LocalDate nextMonday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
		if (word.equals("next") && next != null) {
			DayOfWeek day = weekday(next);
			if (day != null) {
				return new DatePhrase(nextMonday.plusDays(day.ordinal()), 2);
			}
			return switch (next) {
				case "week" -> new DatePhrase(nextMonday, 2);
				case "weekend" -> new DatePhrase(nextMonday.plusDays(5), 2);
				case "month" -> new DatePhrase(today.plusMonths(1).withDayOfMonth(1), 2);
				case "year" -> new DatePhrase(today.plusYears(1).withDayOfYear(1), 2);
				default -> null;
			};
		}
		if (word.equals("this") && next != null) {
			DayOfWeek day = weekday(next);
			if (day != null) {
				return new DatePhrase(today.with(TemporalAdjusters.nextOrSame(day)), 2);
			}
			if (next.equals("weekend")) {
				return new DatePhrase((today.getDayOfWeek() == DayOfWeek.SUNDAY) ? today
						: today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)), 2);
			}
			return null;
		}
		if (word.equals("end") && "of".equals(next)) {
			int length = "the".equals(afterNext) ? 4 : 3;
			String unit = at(words, i + length - 1);
			if ("month".equals(unit)) {
				return new DatePhrase(today.with(TemporalAdjusters.lastDayOfMonth()), length);
			}
			return null;
		}
		if (word.equals("in") && next != null && next.matches("\\d{1,3}") && afterNext != null) {
			int count = Integer.parseInt(next);
			LocalDate date = switch (afterNext) {
				case "day", "days" -> today.plusDays(count);
				case "week", "weeks" -> today.plusWeeks(count);
				case "month", "months" -> today.plusMonths(count);
				case "year", "years" -> today.plusYears(count);
				default -> null;
			};
			return (date != null) ? new DatePhrase(date, 3) : null;
		}
		DayOfWeek day = weekday(word);
		if (day != null) {
			return new DatePhrase(today.with(TemporalAdjusters.next(day)), 1);
		}
		if (ISO_DATE.matcher(word).matches()) {
			LocalDate date = isoDate(word);
			return (date != null) ? new DatePhrase(date, 1) : null;
		}
		Matcher slash = SLASH_DATE.matcher(word);
		if (slash.matches()) {
			LocalDate date = slashDate(slash, today);
			return (date != null) ? new DatePhrase(date, 1) : null;
		}
		Month month = month(word);
		if (month != null && next != null && monthDay(month, next) != null) {
			return new DatePhrase(nextOccurrence(monthDay(month, next), today), 2);
		}
		month = (next != null) ? month(next) : null;
		if (month != null && DAY_NUMBER.matcher(word).matches() && monthDay(month, word) != null) {
			return new DatePhrase(nextOccurrence(monthDay(month, word), today), 2);
		}
		return null;
	}

	/** The time that the words from {@code i} on begin with, or null. */
	private static @Nullable TimePhrase timePhrase(List<String> words, int i) {
		String word = at(words, i);
		String next = at(words, i + 1);
		String afterNext = at(words, i + 2);
		if (word == null) {
			return null;
		}
		if (word.equals("noon")) {
			return new TimePhrase(LocalTime.NOON, 1, true);
		}
		boolean afterAt = word.equals("at") && next != null;
		String clock = afterAt ? next : word;
		String half = afterAt ? afterNext : next;
		int taken = afterAt ? 2 : 1;
		if (afterAt && clock.equals("noon")) {
			return new TimePhrase(LocalTime.NOON, 2, true);
		}
		// "2 pm", "at 9 am": the half as a word of its own.
		if (("am".equals(half) || "pm".equals(half)) && clock.matches("\\d{1,2}(?::\\d{2})?")) {
			LocalTime time = time(clock + half, true);
			return (time != null) ? new TimePhrase(time, taken + 1, true) : null;
		}
		LocalTime time = time(clock, afterAt);
		return (time != null) ? new TimePhrase(time, taken, clock.endsWith("am") || clock.endsWith("pm")) : null;
	}

	/**
	 * Why a word that reads like a date or a time is neither, or null when it does not
	 * read like one.
	 */
	private static @Nullable String unreadable(List<String> words, int i) {
		String word = words.get(i);
		String next = at(words, i + 1);
		if (ISO_DATE.matcher(word).matches() || SLASH_DATE.matcher(word).matches()) {
			return word + " is not a date" + (word.contains("/") ? " (dates are month/day)" : "")
					+ "; it stays in the title";
		}
		if (month(word) != null && next != null && next.matches("\\d{1,2}(st|nd|rd|th)?")) {
			return word + " " + next + " is not a date; it stays in the title";
		}
		if (TIME_LIKE.matcher(word).matches()) {
			return word + " is not a time; it stays in the title";
		}
		return null;
	}

	private static @Nullable String at(List<String> words, int i) {
		return (i < words.size()) ? words.get(i) : null;
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
	 * {@code 12/20}: the next 20 December from today on; {@code 12/20/2027} and
	 * {@code 12/20/27}: that year's.
	 */
	private static @Nullable LocalDate slashDate(Matcher slash, LocalDate today) {
		int month = Integer.parseInt(slash.group(1));
		if (month < 1 || month > 12) {
			return null;
		}
		MonthDay day = monthDay(Month.of(month), slash.group(2));
		if (day == null) {
			return null;
		}
		if (slash.group(3) == null) {
			return nextOccurrence(day, today);
		}
		int year = Integer.parseInt(slash.group(3)) + ((slash.group(3).length() == 2) ? 2000 : 0);
		return day.isValidYear(year) ? day.atYear(year) : null;
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
