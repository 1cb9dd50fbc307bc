package org.tasktracker.recurrence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;
import org.jspecify.annotations.Nullable;

/**
 * The next occurrence of a recurring task, worked out by an RFC 5545 library (lib-recur)
 * on wall-clock dates and times: a task due at 09:00 stays at 09:00 across
 * daylight-saving changes, because the series is never shifted by an offset.
 * <p>
 * The series' start (RFC 5545's {@code DTSTART}) is always its first occurrence, even
 * when the rule itself would not produce it ({@code every monday} starting on a
 * Wednesday); the rule's occurrences after it follow, and {@code COUNT} counts them all.
 * {@code UNTIL} is inclusive: a date ends the series after that day, a UTC date-time
 * after that instant in the owner's zone.
 * <p>
 * Wall-clock times are compared with the bounds as instants in the owner's zone, by
 * {@link LocalDateTime#atZone(ZoneId)}'s rules: a time that a daylight-saving gap skips
 * (02:30 on a spring-forward night) falls due later by the gap's length (03:30), and one
 * that an overlap repeats falls due at its first, earlier, instant. The occurrence keeps
 * the series' wall time, so the caller converts it the same way and the next one is back
 * at the usual time. A caller that reads a due back from an instant therefore passes the
 * series' own time of day where the time matters ({@code originalDue} below).
 * <p>
 * The search is bounded: occurrences are looked for up to a hundred years past the later
 * bound, or a dozen of the rule's periods when those are longer
 * ({@code FREQ=YEARLY;INTERVAL=101}), but not past the year 9999, the last that a date is
 * written with. A day that only some periods have (the 31st every 5 months, February 29
 * every 101 years) comes round within a dozen of them if it ever does. A rule with no
 * occurrence in that span ({@code FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30}, which never
 * occurs) gives an empty result, as a series that is over does, so the task completes for
 * good. The time taken grows with the number of occurrences between the series' start and
 * the bounds, since each one is counted for the index.
 */
public final class Occurrences {

	/** How far past the later bound occurrences are looked for, at the least. */
	static final Period HORIZON = Period.ofYears(100);

	/**
	 * How many of a rule's periods past the later bound are looked through, at the least.
	 */
	static final int HORIZON_PERIODS = 12;

	/** The last moment an occurrence may fall on: dates are written with four digits. */
	static final LocalDateTime LAST = LocalDate.of(9999, 12, 31).atTime(LocalTime.MAX);

	private Occurrences() {
	}

	/**
	 * The occurrence that follows a due when the task is completed, for a series anchored
	 * on its due ({@link Anchor#DUE}): the first one strictly after the current due and
	 * strictly after {@code after}, so an overdue task comes due once more, not once per
	 * missed occurrence.
	 * @param rule the series' rule
	 * @param seriesStart the series' first occurrence, its {@code DTSTART}
	 * @param currentDue the due being completed
	 * @param after now, in the owner's wall-clock time
	 * @param zone the owner's time zone
	 * @return the next occurrence, or empty when the series is over
	 */
	public static Optional<Occurrence> nextFromDue(RecurrenceRule rule, LocalDateTime seriesStart,
			LocalDateTime currentDue, LocalDateTime after, ZoneId zone) {
		Instant bound = later(instant(currentDue, zone), instant(after, zone));
		LocalDateTime latest = latest(seriesStart, latest(currentDue, after));
		Series series = new Series(rule, seriesStart, horizon(rule, latest), true);
		int index = 0;
		for (LocalDateTime at = series.next(); at != null; at = series.next()) {
			index++;
			if (isPastEnd(rule, at, index, zone)) {
				return Optional.empty();
			}
			if (instant(at, zone).isAfter(bound)) {
				return Optional.of(new Occurrence(at, index));
			}
		}
		return Optional.empty();
	}

	/**
	 * {@link #nextFromDue(RecurrenceRule, LocalDateTime, LocalDateTime, LocalDateTime, ZoneId)}
	 * for a series of dates: the first occurrence after the current due that is also
	 * after today, so a task completed today is next due tomorrow at the earliest.
	 * @param rule the series' rule
	 * @param seriesStart the series' first date
	 * @param currentDue the due being completed
	 * @param today the owner's today
	 * @param zone the owner's time zone, for a {@code UNTIL} date-time
	 * @return the next occurrence, at the start of its day, or empty when the series is
	 * over
	 */
	public static Optional<Occurrence> nextFromDue(RecurrenceRule rule, LocalDate seriesStart, LocalDate currentDue,
			LocalDate today, ZoneId zone) {
		return nextFromDue(rule, seriesStart.atStartOfDay(), currentDue.atStartOfDay(), today.atStartOfDay(), zone);
	}

	/**
	 * The occurrence that follows a completion for a series anchored on completion
	 * ({@link Anchor#COMPLETION}): the series starts over on the day of completion at the
	 * due's time of day, and the next due is its first occurrence on a later day
	 * ({@code every 3 days} completed on Dec 4 is next due Dec 7; {@code every monday}
	 * completed on a Monday, the Monday after). {@code COUNT} counts completions here.
	 * @param rule the series' rule
	 * @param originalDue the due being completed, as the series has it: only its time of
	 * day is used, so it should not be one that a daylight-saving gap moved
	 * @param completionDay the owner's day of completion
	 * @param currentIndex the index of the occurrence being completed
	 * @param zone the owner's time zone, for a {@code UNTIL} date-time
	 * @return the next occurrence with index {@code currentIndex + 1}, or empty when that
	 * passes {@code COUNT} or the occurrence passes {@code UNTIL}
	 */
	public static Optional<Occurrence> nextFromCompletion(RecurrenceRule rule, LocalDateTime originalDue,
			LocalDate completionDay, int currentIndex, ZoneId zone) {
		LocalDateTime restart = completionDay.atTime(originalDue.toLocalTime());
		Series series = new Series(rule, restart, horizon(rule, restart), true);
		for (LocalDateTime at = series.next(); at != null; at = series.next()) {
			if (at.toLocalDate().isAfter(completionDay)) {
				int index = currentIndex + 1;
				return isPastEnd(rule, at, index, zone) ? Optional.empty() : Optional.of(new Occurrence(at, index));
			}
		}
		return Optional.empty();
	}

	/**
	 * {@link #nextFromCompletion(RecurrenceRule, LocalDateTime, LocalDate, int, ZoneId)}
	 * for a series of dates.
	 * @param rule the series' rule
	 * @param originalDue the due being completed
	 * @param completionDay the owner's day of completion
	 * @param currentIndex the index of the occurrence being completed
	 * @param zone the owner's time zone, for a {@code UNTIL} date-time
	 * @return the next occurrence, at the start of its day, or empty when the series is
	 * over
	 */
	public static Optional<Occurrence> nextFromCompletion(RecurrenceRule rule, LocalDate originalDue,
			LocalDate completionDay, int currentIndex, ZoneId zone) {
		return nextFromCompletion(rule, originalDue.atStartOfDay(), completionDay, currentIndex, zone);
	}

	/**
	 * The first day on or after {@code day} that the rule itself produces when its series
	 * starts that day: a due for a recurrence typed without one ({@code every monday}
	 * typed on a Wednesday is due next Monday).
	 */
	static Optional<LocalDate> firstOnOrAfter(RecurrenceRule rule, LocalDate day) {
		LocalDateTime start = day.atStartOfDay();
		LocalDateTime first = new Series(rule, start, horizon(rule, start), false).next();
		if (first == null || isPastEnd(rule, first, 1, ZoneOffset.UTC)) {
			return Optional.empty();
		}
		return Optional.of(first.toLocalDate());
	}

	/** Where the search for occurrences after {@code from} ends. */
	static LocalDateTime horizon(RecurrenceRule rule, LocalDateTime from) {
		if (!from.isBefore(LAST)) {
			return LAST;
		}
		long periods = (long) HORIZON_PERIODS * rule.interval();
		LocalDateTime byPeriods = switch (rule.frequency()) {
			case DAILY -> from.plusDays(periods);
			case WEEKLY -> from.plusWeeks(periods);
			case MONTHLY -> from.plusMonths(periods);
			case YEARLY -> from.plusYears(periods);
		};
		LocalDateTime end = latest(from.plus(HORIZON), byPeriods);
		return end.isAfter(LAST) ? LAST : end;
	}

	private static boolean isPastEnd(RecurrenceRule rule, LocalDateTime at, int index, ZoneId zone) {
		if (rule.count().isPresent() && index > rule.count().getAsInt()) {
			return true;
		}
		LocalDate untilDate = rule.untilDate();
		Instant untilInstant = rule.untilInstant();
		return (untilDate != null && at.toLocalDate().isAfter(untilDate))
				|| (untilInstant != null && instant(at, zone).isAfter(untilInstant));
	}

	private static Instant instant(LocalDateTime at, ZoneId zone) {
		return at.atZone(zone).toInstant();
	}

	private static Instant later(Instant one, Instant other) {
		return one.isAfter(other) ? one : other;
	}

	private static LocalDateTime latest(LocalDateTime one, LocalDateTime other) {
		return one.isAfter(other) ? one : other;
	}

	/**
	 * A series' occurrences in order, without its end: the start, then what the library
	 * produces after it, up to a horizon. The library works out the days; every
	 * occurrence has the start's time of day, since the accepted rules have no part below
	 * a day.
	 * <p>
	 * The library gives up on a rule after a run of periods without an occurrence. For
	 * monthly and yearly rules that run spans decades, past any real gap; a day- or
	 * week-based rule can meet it ({@code FREQ=DAILY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=29}
	 * waits decades), so such a series starts the library again from a start moved on by
	 * whole periods, which leaves its occurrences as they were.
	 */
	static final class Series {

		/**
		 * How many empty periods a restart skips: fewer than the library scans before it
		 * gives up, so none it has not seen.
		 */
		private static final int SKIPPED_PERIODS = 500;

		private final RecurrenceRule rule;

		private final LocalDate start;

		private final LocalTime time;

		private final LocalDate horizon;

		private LocalDate seed;

		/** The last day given, or the day before the start until one is. */
		private LocalDate last;

		private boolean startGiven;

		private final org.dmfs.rfc5545.recur.RecurrenceRule library;

		private @Nullable RecurrenceRuleIterator run;

		private boolean over;

		/**
		 * @param withStart whether the start comes first even when the rule does not
		 * produce it, as a task's series has it
		 */
		Series(RecurrenceRule rule, LocalDateTime start, LocalDateTime horizon, boolean withStart) {
			this.rule = rule;
			this.start = start.toLocalDate();
			this.time = start.toLocalTime();
			this.horizon = horizon.toLocalDate();
			this.library = rule.library(this.start);
			this.seed = rule.periodStart(this.start);
			this.last = this.start.minusDays(1);
			this.startGiven = !withStart;
		}

		/** The next occurrence, or null past the horizon or when the rule has no more. */
		@Nullable LocalDateTime next() {
			if (!this.startGiven) {
				this.startGiven = true;
				this.last = this.start;
				return this.start.atTime(this.time);
			}
			while (!this.over) {
				try {
					RecurrenceRuleIterator run = this.run;
					if (run == null) {
						run = this.library.iterator(day(this.seed));
						this.run = run;
					}
					while (run.hasNext()) {
						LocalDate date = date(run.nextDateTime());
						if (date.isAfter(this.horizon)) {
							this.over = true;
							return null;
						}
						if (date.isAfter(this.last)) {
							this.last = date;
							return date.atTime(this.time);
						}
					}
					this.over = true;
				}
				catch (IllegalArgumentException | IllegalStateException ex) {
					// The library gave up after a run of empty periods ("too many empty
					// recurrence sets"), the only way its iterator fails on a rule it
					// parsed.
					restart();
				}
			}
			return null;
		}

		/**
		 * Moves the library's start on by whole periods past the empty ones it scanned
		 * after the last occurrence, for a day- or week-based rule; ends the series for
		 * the others.
		 */
		private void restart() {
			long periodDays = switch (this.rule.frequency()) {
				case DAILY -> this.rule.interval();
				case WEEKLY -> 7L * this.rule.interval();
				default -> 0;
			};
			if (periodDays == 0) {
				this.over = true;
				return;
			}
			long lastPeriod = Math.max(0,
					ChronoUnit.DAYS.between(this.seed, this.rule.periodStart(this.last)) / periodDays);
			LocalDate seed = this.seed.plusDays((lastPeriod + SKIPPED_PERIODS) * periodDays);
			if (seed.isAfter(this.horizon)) {
				this.over = true;
				return;
			}
			this.seed = seed;
			this.run = null;
		}

		private static DateTime day(LocalDate date) {
			return new DateTime(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth());
		}

		private static LocalDate date(DateTime day) {
			return LocalDate.of(day.getYear(), day.getMonth() + 1, day.getDayOfMonth());
		}

	}

}
