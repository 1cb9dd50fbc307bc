package org.tasktracker.caldav;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.tasktracker.account.Account;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /export.ics}: see {@link CalendarExport}. */
@RestController
class CalendarExportController implements CalendarExportApi {

	private final CalendarExport calendars;

	CalendarExportController(CalendarExport calendars) {
		this.calendars = calendars;
	}

	@Override
	@GetMapping(path = "/export.ics", produces = TEXT_CALENDAR)
	public void exportCalendar(@AuthenticationPrincipal Account caller, HttpServletResponse response)
			throws IOException {
		this.calendars.export(caller.id()).sendAsDownload(response, TEXT_CALENDAR_UTF8, "tasks.ics", "calendar export");
	}

}
