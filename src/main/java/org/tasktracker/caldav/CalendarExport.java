package org.tasktracker.caldav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tasktracker.account.UserZones;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.task.published.OwnedTasks;
import org.tasktracker.task.published.TaskView;
import org.tasktracker.web.SpooledBody;

import org.springframework.stereotype.Service;

/**
 * {@code GET /export.ics}: all of the owner's tasks as one iCalendar file of
 * {@code VTODO}s ({@link VTodos}), as the CalDAV server serves them: under the UIDs
 * clients chose, with what they wrote that the service does not model.
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

	private final DavResources resources;

	CalendarExport(OwnedTasks tasks, UserZones zones, DatabaseRetry retry, DavResources resources) {
		this.tasks = tasks;
		this.zones = zones;
		this.retry = retry;
		this.resources = resources;
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
				// The file names no resources: a caller without a username is enough.
				DavCalendars.Caller owner = new DavCalendars.Caller(ownerId, "", zone, false, Map.of());
				DavCalendars.Names names = new DavCalendars.Names(owner, this.resources);
				List<TaskView> batch = new ArrayList<>(DavCalendars.BATCH);
				this.tasks.forEach(ownerId, (task) -> {
					batch.add(task);
					if (batch.size() == DavCalendars.BATCH) {
						write(calendar, owner, names, batch);
					}
				});
				write(calendar, owner, names, batch);
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

	/** A batch of tasks, their clients' rows read in one statement. */
	private static void write(ICalendarWriter calendar, DavCalendars.Caller owner, DavCalendars.Names names,
			List<TaskView> batch) {
		names.load(batch);
		try {
			for (TaskView task : batch) {
				DavResources.Resource row = names.row(task.id());
				calendar.write(DavCalendars.todo(owner, names, task), (row != null) ? row.extra() : "");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		batch.clear();
	}

}
