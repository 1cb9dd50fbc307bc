package org.tasktracker.recurrence;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

public final class Occurrences {

	public record Occurrence(LocalDateTime at, int index) {
	}

	public static Optional<Occurrence> nextFromDue(RecurrenceRule rule, LocalDateTime seriesStart,
			LocalDateTime currentDue, LocalDateTime after, ZoneId zone) {
		int step = rule.interval * ("WEEKLY".equals(rule.freq) ? 7 : 1);
		LocalDateTime at = seriesStart;
		int index = 1;
		while (!at.isAfter(currentDue) || !at.isAfter(after)) {
			at = at.plusDays(step);
			index++;
		}
		if (rule.count.isPresent() && index > rule.count.getAsInt()) {
			return Optional.empty();
		}
		return Optional.of(new Occurrence(at, index));
	}

	public static Optional<Occurrence> nextFromCompletion(RecurrenceRule rule, LocalDateTime originalDue,
			LocalDate completionDay, int currentIndex, ZoneId zone) {
		int step = rule.interval * ("WEEKLY".equals(rule.freq) ? 7 : 1);
		int index = currentIndex + 1;
		if (rule.count.isPresent() && index > rule.count.getAsInt()) {
			return Optional.empty();
		}
		return Optional.of(new Occurrence(completionDay.plusDays(step).atTime(originalDue.toLocalTime()), index));
	}

}
