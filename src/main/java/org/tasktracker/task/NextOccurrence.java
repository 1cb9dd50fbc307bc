package org.tasktracker.task;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.tasktracker.recurrence.Occurrence;
import org.tasktracker.recurrence.Occurrences;
import org.tasktracker.recurrence.RecurrenceRule;

/**
 * Where completing a recurring task moves its due, worked out in its owner's time zone by
 * the recurrence module: an all-day due stays a date, a due at a time keeps its
 * wall-clock time across daylight-saving changes.
 */
final class NextOccurrence {

	private NextOccurrence() {
	}

	/**
	 * @param due the next due, of the same kind as the current one
	 * @param index its number in the series
	 */
	record Next(Due due, int index) {
	}

	/**
	 * The next due after completing the current occurrence at {@code now}, or empty when
	 * the series is over.
	 */
	static Optional<Next> after(CompletionRepository.State state, Instant now) {
		ZoneId zone = ZoneId.of(state.zone());
		RecurrenceRule rule = RecurrenceRule.parse(state.rule());
		boolean allDay = state.dueDate() != null;
		LocalDateTime current = allDay ? state.dueDate().atStartOfDay()
				: wallTime(state.dueAt(), state.lastCompletedDueAt(), zone);
		LocalDateTime localNow = LocalDateTime.ofInstant(now, zone);
		Optional<Occurrence> next;
		int index;
		if (Recurrence.FROM_COMPLETION.equals(state.from())) {
			next = Occurrences.nextFromCompletion(rule, current, localNow.toLocalDate(), state.index(), zone);
			index = next.map(Occurrence::index).orElse(0);
		}
		else {
			// The series goes on from the current due, which is an occurrence of it (or
			// its start): counted from there, the index is relative to the current one.
			LocalDateTime notBefore = allDay ? localNow.toLocalDate().atStartOfDay() : localNow;
			next = Occurrences.nextFromDue(rule, current, current, notBefore, zone);
			index = next.map((occurrence) -> state.index() + occurrence.index() - 1).orElse(0);
		}
		if (next.isEmpty() || (rule.count().isPresent() && index > rule.count().getAsInt())) {
			return Optional.empty();
		}
		LocalDateTime at = next.get().at();
		Due due = allDay ? Due.onDate(at.toLocalDate()) : Due.at(at.atZone(zone).toInstant());
		return Optional.of(new Next(due, index));
	}

	/**
	 * The series' wall-clock time of a due instant. A time that a daylight-saving gap
	 * skips falls due later by the gap (01:30 on a spring-forward night in London is
	 * 02:30), and read back from its instant that due would carry the series on at the
	 * later time. So when the due is exactly where the time of the occurrence completed
	 * before it falls on the due's day, the series goes on at that time. The instant
	 * alone cannot tell the two apart: a series at 02:30 has the same due that night.
	 */
	static LocalDateTime wallTime(Instant dueAt, @Nullable Instant lastCompletedDueAt, ZoneId zone) {
		LocalDateTime due = LocalDateTime.ofInstant(dueAt, zone);
		if (lastCompletedDueAt == null) {
			return due;
		}
		LocalDateTime seriesTime = due.toLocalDate()
			.atTime(LocalDateTime.ofInstant(lastCompletedDueAt, zone).toLocalTime());
		boolean skipped = zone.getRules().getValidOffsets(seriesTime).isEmpty();
		return (skipped && seriesTime.atZone(zone).toInstant().equals(dueAt)) ? seriesTime : due;
	}

}
