package org.tasktracker.recurrence;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One occurrence of a recurring task's series.
 *
 * @param at when it falls due, in the owner's wall-clock time: at the start of the day
 * for a series of dates; a time that a daylight-saving gap skips stays as the series has
 * it (see {@link Occurrences})
 * @param index its place in the series, the series' start being 1; for a series anchored
 * on completion, the number of completions it follows plus one
 */
public record Occurrence(LocalDateTime at, int index) {

	/**
	 * The day it falls due, for a series of dates.
	 * @return the date of {@link #at()}
	 */
	public LocalDate date() {
		return this.at.toLocalDate();
	}

}
