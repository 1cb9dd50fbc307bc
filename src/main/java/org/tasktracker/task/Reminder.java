package org.tasktracker.task;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A reminder of a task: a time before its due, or an instant. On the wire exactly one of
 * the two keys; stored as one text (the duration, or the instant).
 *
 * @param before an ISO 8601 duration before the due ({@code PT15M}), or null
 * @param at an instant in UTC ({@code 2026-12-01T08:00:00Z}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Reminder", description = "Exactly one of before (a duration before the due) and at (an instant)")
record Reminder(@Schema(format = "duration", example = "PT15M") @Nullable String before,
		@Schema(format = "date-time", example = "2026-12-01T08:00:00Z") @Nullable String at) {

	static Reminder before(Duration duration) {
		return new Reminder(duration.toString(), null);
	}

	static Reminder at(Instant instant) {
		return new Reminder(null, instant.toString());
	}

	/** The stored form: the duration or the instant, told apart by the leading P. */
	String stored() {
		return (this.before != null) ? this.before : this.at;
	}

	static Reminder ofStored(String stored) {
		return (stored.startsWith("P") || stored.startsWith("-P")) ? new Reminder(stored, null)
				: new Reminder(null, stored);
	}

}
