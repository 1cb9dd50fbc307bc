package org.tasktracker.caldav;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.tasktracker.account.Account;

/** How {@link CalendarExportController} appears in the OpenAPI document. */
@Tag(name = "export")
interface CalendarExportApi {

	String TEXT_CALENDAR = "text/calendar";

	String TEXT_CALENDAR_UTF8 = "text/calendar; charset=utf-8";

	@Operation(operationId = "exportCalendar", summary = "All of the caller's tasks as one iCalendar file",
			description = "An RFC 5545 VCALENDAR with one VTODO per task, for calendar and task apps: UID "
					+ "task-<id>@tasktracker, SUMMARY, DESCRIPTION, DUE (a DATE for an all-day due; a date-time "
					+ "with the caller's TZID and its VTIMEZONE, or in UTC), STATUS and COMPLETED, PRIORITY "
					+ "(urgent 1, high 5, medium 9, normal none), CATEGORIES (labels), RELATED-TO;RELTYPE=PARENT, "
					+ "X-APPLE-SORT-ORDER (manual order), RRULE, VALARM (reminders), DTSTAMP, CREATED, "
					+ "LAST-MODIFIED. The mapping is tabulated in docs/api.md. Projects are not in it.")
	@ApiResponse(responseCode = "200", description = "The calendar, as an attachment",
			headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"tasks.ics\"",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = TEXT_CALENDAR,
					schema = @Schema(type = "string", format = "binary",
							description = "An RFC 5545 iCalendar object, UTF-8")))
	@ApiResponse(responseCode = "406", description = "The request's Accept header does not take text/calendar",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = "#/components/schemas/Problem")))
	void exportCalendar(@Parameter(hidden = true) Account caller,
			@Parameter(hidden = true) HttpServletResponse response) throws java.io.IOException;

}
