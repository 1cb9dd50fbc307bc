package org.tasktracker.caldav;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.tasktracker.account.UserZones;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.task.published.OwnedTasks;
import org.tasktracker.web.SpooledBody;

import org.springframework.stereotype.Service;

/**
 * {@code GET /export.ics}: all of the owner's tasks as one iCalendar file of
 * {@code VTODO}s ({@link VTodos}).
 */
@Service
class CalendarExport {

	/**
	 * Past this many bytes, a file being written moves from memory to a temporary file.
	 */
	private static final int MEMORY_LIMIT = 256 * 1024;

	private final OwnedTasks tasks;

	private final UserZones zones;

	private final DatabaseRetry retry;

	CalendarExport(OwnedTasks tasks, UserZones zones, DatabaseRetry retry) {
		this.tasks = tasks;
		this.zones = zones;
		this.retry = retry;
	}

	/**
	 * The owner's calendar, read in one statement and written into memory, then a
	 * temporary file once large, so that the connection is back in the pool before the
	 * client reads; a retried read writes it anew.
	 */
	SpooledBody export(long ownerId) {
		CalendarZone zone = CalendarZone.of(this.zones.zoneOf(ownerId));
		return this.retry.idempotent(() -> {
			SpooledBody body = new SpooledBody(MEMORY_LIMIT);
			try {
				ICalendarWriter calendar = new ICalendarWriter(body, zone);
				this.tasks.forEach(ownerId, (task) -> {
					try {
						calendar.write(VTodos.of(task, zone));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
				calendar.finish();
				body.close();
				return body;
			}
			catch (IOException ex) {
				body.discard();
				throw new UncheckedIOException(ex);
			}
			catch (RuntimeException ex) {
				body.discard();
				throw ex;
			}
		});
	}

}
