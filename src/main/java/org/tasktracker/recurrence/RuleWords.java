package org.tasktracker.recurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.tasktracker.recurrence.RecurrenceRule.Frequency;
import org.tasktracker.recurrence.RecurrenceRule.Weekday;

/**
 * A rule in the words a Todoist user would type it, for the web UI to show under a task
 * and while the rule is typed: {@code every Mon, Thu}, {@code every 3rd Friday},
 * {@code every last day of the month}, {@code every 3 days from completion, 10 times}.
 * Common rules read as a person says them; unusual combinations are listed part by part
 * rather than refused, since any rule the service accepts must be shown.
 *
 * @param today the owner's today: a date in its year is shown without the year
 * @param zone the owner's time zone, for a {@code UNTIL} date-time
 */
public record RuleWords(LocalDate today, ZoneId zone) {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

	private static final DateTimeFormatter DAY_IN_YEAR = DateTimeFormatter.ofPattern("MMM d yyyy", Locale.ENGLISH);

	private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

	private static final Set<DayOfWeek> WEEKEND = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

	/**
	 * The rule in words, with its anchor and end.
	 * @param rule the rule
	 * @param from what the next due is counted from
	 * @return for example {@code every 2 weeks on Mon, Thu, until Dec 31}
	 */
	public String describe(RecurrenceRule rule, Anchor from) {
		return describe(rule, from, null);
	}

	/**
	 * The rule in words, with its anchor, first due and end.
	 * @param rule the rule
	 * @param from what the next due is counted from
	 * @param start the series' first due, or null to leave it out
	 * @return for example {@code every Monday from Dec 18, 10 times}
	 */
	public String describe(RecurrenceRule rule, Anchor from, @Nullable LocalDate start) {
		StringBuilder words = new StringBuilder(period(rule));
		if (from == Anchor.COMPLETION) {
			words.append(" from completion");
		}
		if (start != null) {
			words.append((from == Anchor.COMPLETION) ? ", starting " : " from ").append(date(start));
		}
		if (rule.count().isPresent()) {
			int count = rule.count().getAsInt();
			words.append(", ").append(count).append((count == 1) ? " time" : " times");
		}
		LocalDate untilDate = rule.untilDate();
		Instant untilInstant = rule.untilInstant();
		if (untilDate != null) {
			words.append(", until ").append(date(untilDate));
		}
		if (untilInstant != null) {
			words.append(", until ").append(date(untilInstant.atZone(this.zone).toLocalDate()));
		}
		return words.toString();
	}

	private String date(LocalDate date) {
		return ((date.getYear() == this.today.getYear()) ? DAY : DAY_IN_YEAR).format(date);
	}

	/** Which days the rule takes, without its end. */
	private static String period(RecurrenceRule rule) {
		Frequency frequency = rule.frequency();
		int interval = rule.interval();
		List<Weekday> days = rule.days();
		Set<DayOfWeek> plainDays = days.stream()
			.filter((day) -> day.ordinal() == 0)
			.map(Weekday::day)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
		boolean onlyPlainDays = !days.isEmpty() && plainDays.size() == days.size();
		boolean onlyDays = rule.monthDays().isEmpty() && rule.setPositions().isEmpty();
		boolean simple = onlyDays && rule.months().isEmpty();
		if (simple && days.isEmpty()) {
			return every(interval, unit(frequency));
		}
		// Weekdays: "every Monday", "every weekday", "every 2 weeks on Mon, Thu".
		if (simple && onlyPlainDays && (frequency == Frequency.WEEKLY || interval == 1)) {
			if (interval == 1) {
				return "every " + dayNames(plainDays);
			}
			return every(interval, unit(frequency)) + " on " + dayNames(plainDays);
		}
		// One numbered weekday: "every 3rd Friday", "every year on the last Sunday of
		// March".
		if (onlyDays && days.size() == 1 && days.get(0).ordinal() != 0
				&& (frequency == Frequency.MONTHLY || rule.months().size() <= 1)) {
			String day = ordinal(days.get(0).ordinal()) + " " + fullName(days.get(0).day());
			if (frequency == Frequency.MONTHLY && rule.months().isEmpty()) {
				return (interval == 1) ? "every " + day : every(interval, "month") + " on the " + day;
			}
			if (frequency == Frequency.YEARLY) {
				String scope = rule.months().isEmpty() ? " of the year" : " of " + fullName(rule.months().get(0));
				return every(interval, "year") + " on the " + day + scope;
			}
		}
		// One day of the month: "every month on the 15th", "every last day of the
		// month", "every year on Mar 15".
		if (days.isEmpty() && rule.setPositions().isEmpty() && rule.monthDays().size() == 1) {
			int monthDay = rule.monthDays().get(0);
			if (frequency == Frequency.MONTHLY && rule.months().isEmpty()) {
				if (monthDay == -1 && interval == 1) {
					return "every last day of the month";
				}
				return every(interval, "month") + " on the " + monthDayName(monthDay);
			}
			if (frequency == Frequency.YEARLY && rule.months().size() == 1 && monthDay > 0) {
				return every(interval, "year") + " on " + shortName(rule.months().get(0)) + " " + monthDay;
			}
		}
		// The last or first weekday of the month.
		if (plainDays.equals(WEEKDAYS) && onlyPlainDays && rule.monthDays().isEmpty() && rule.months().isEmpty()
				&& rule.setPositions().size() == 1 && frequency == Frequency.MONTHLY) {
			String which = ordinal(rule.setPositions().get(0)) + " weekday";
			return (interval == 1) ? "every " + which + " of the month" : every(interval, "month") + " on the " + which;
		}
		return partByPart(rule, plainDays, onlyPlainDays);
	}

	/** Any other rule: its period, then each part in turn. */
	private static String partByPart(RecurrenceRule rule, Set<DayOfWeek> plainDays, boolean onlyPlainDays) {
		List<String> parts = new ArrayList<>();
		if (!rule.monthDays().isEmpty()) {
			parts.add("on the "
					+ rule.monthDays().stream().map(RuleWords::monthDayName).collect(Collectors.joining(", ")));
		}
		if (onlyPlainDays) {
			parts.add((rule.monthDays().isEmpty() ? "on " : "if a ") + dayNames(plainDays));
		}
		else if (!rule.days().isEmpty()) {
			parts.add("on the " + rule.days()
				.stream()
				.map((day) -> ((day.ordinal() != 0) ? ordinal(day.ordinal()) + " " : "every ") + shortName(day.day()))
				.collect(Collectors.joining(", ")));
		}
		if (!rule.months().isEmpty()) {
			parts.add("in " + rule.months().stream().map(RuleWords::shortName).collect(Collectors.joining(", ")));
		}
		if (!rule.setPositions().isEmpty()) {
			parts.add("the " + rule.setPositions().stream().map(RuleWords::ordinal).collect(Collectors.joining(", "))
					+ " of those");
		}
		return every(rule.interval(), unit(rule.frequency())) + " " + String.join(", ", parts);
	}

	private static String every(int interval, String unit) {
		return (interval == 1) ? "every " + unit : "every " + interval + " " + unit + "s";
	}

	private static String unit(Frequency frequency) {
		return switch (frequency) {
			case DAILY -> "day";
			case WEEKLY -> "week";
			case MONTHLY -> "month";
			case YEARLY -> "year";
		};
	}

	private static String dayNames(Set<DayOfWeek> days) {
		if (days.equals(WEEKDAYS)) {
			return "weekday";
		}
		if (days.equals(WEEKEND)) {
			return "weekend";
		}
		if (days.size() == 7) {
			return "day";
		}
		if (days.size() == 1) {
			return fullName(days.iterator().next());
		}
		return days.stream().map(RuleWords::shortName).collect(Collectors.joining(", "));
	}

	/** {@code 15th}, {@code last day}, {@code 2nd to last day}. */
	private static String monthDayName(int monthDay) {
		return (monthDay > 0) ? ordinal(monthDay) : ordinal(monthDay) + " day";
	}

	/** {@code 1st}, {@code 22nd}, {@code last}, {@code 2nd to last}. */
	static String ordinal(int n) {
		if (n == -1) {
			return "last";
		}
		if (n < 0) {
			return ordinal(-n) + " to last";
		}
		String suffix = switch ((n % 100 >= 11 && n % 100 <= 13) ? 0 : n % 10) {
			case 1 -> "st";
			case 2 -> "nd";
			case 3 -> "rd";
			default -> "th";
		};
		return n + suffix;
	}

	private static String fullName(DayOfWeek day) {
		return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
	}

	private static String shortName(DayOfWeek day) {
		return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
	}

	private static String fullName(int month) {
		return Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
	}

	private static String shortName(int month) {
		return Month.of(month).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
	}

}
