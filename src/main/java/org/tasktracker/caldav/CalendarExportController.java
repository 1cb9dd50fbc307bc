package org.tasktracker.caldav;

import java.io.IOException;
import java.net.SocketTimeoutException;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tasktracker.account.Account;
import org.tasktracker.web.SpooledBody;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /export.ics}: see {@link CalendarExport}. */
@RestController
class CalendarExportController implements CalendarExportApi {

	private static final Logger log = LoggerFactory.getLogger(CalendarExportController.class);

	private final CalendarExport calendars;

	CalendarExportController(CalendarExport calendars) {
		this.calendars = calendars;
	}

	@Override
	@GetMapping(path = "/export.ics", produces = TEXT_CALENDAR)
	public void exportCalendar(@AuthenticationPrincipal Account caller, HttpServletResponse response)
			throws IOException {
		SpooledBody body = this.calendars.export(caller.id());
		try {
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType(TEXT_CALENDAR_UTF8);
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tasks.ics\"");
			response.setContentLengthLong(body.size());
			body.sendTo(response.getOutputStream());
		}
		catch (IOException ex) {
			if (NestedExceptionUtils.getRootCause(ex) instanceof SocketTimeoutException) {
				log.info("Cut off a client that stopped reading its calendar export");
			}
		}
		finally {
			body.discard();
		}
	}

}
