package org.tasktracker.recurrence;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A recurrence read out of quick-add text.
 *
 * @param rule the rule the words mean
 * @param from {@link Anchor#COMPLETION} for {@code every!}, else {@link Anchor#DUE}
 * @param start where the words begin in the text (a {@code String} index)
 * @param end where they end, exclusive: the title is the text without
 * {@code [start, end)}
 * @param firstDue the rule's first day from today on ({@code every monday} typed on a
 * Wednesday: next Monday; {@code every day}: today), for a task typed without a date;
 * null when the rule has none (its {@code until} has passed)
 */
public record RecurrencePhrase(RecurrenceRule rule, Anchor from, int start, int end, @Nullable LocalDate firstDue) {

}
