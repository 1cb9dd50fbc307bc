package org.tasktracker.task;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * When a task falls due: an all-day date in its owner's time zone, or an instant. On the
 * wire exactly one of the two keys, the instant in UTC with {@code Z}.
 *
 * @param date the all-day date ({@code 2026-12-01}), or null
 * @param datetime the instant ({@code 2026-12-01T09:00:00Z}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Due", description = "Exactly one of date (all-day, in the user's time zone) and datetime (an instant)")
record Due(@Schema(format = "date", example = "2026-12-01") @Nullable String date,
		@Schema(format = "date-time", example = "2026-12-01T09:00:00Z") @Nullable String datetime) {

	static Due onDate(LocalDate date) {
		return new Due(date.toString(), null);
	}

	static Due at(Instant instant) {
		return new Due(null, instant.toString());
	}

}
