package org.tasktracker.caldav;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.task.published.TaskFields;
import org.tasktracker.task.published.TaskView;
import org.tasktracker.task.published.TaskWrites;
import org.tasktracker.task.published.TaskWrites.WriteRefusedException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The CalDAV server's writes of tasks ({@code PUT} and {@code DELETE} of a resource),
 * through what the task feature publishes ({@link TaskWrites}), with the names, UIDs and
 * unmodelled properties clients chose kept in {@link DavResources}. Refusals are the
 * preconditions RFC 4791 (5.3.2.1) and RFC 9110 name; nothing is stored by a refused
 * request.
 */
@Service
class DavWrites {

	private final DavCalendars calendars;

	private final DavResources resources;

	private final TaskWrites writes;

	private final DatabaseRetry retry;

	DavWrites(DavCalendars calendars, DavResources resources, TaskWrites writes, DatabaseRetry retry) {
		this.calendars = calendars;
		this.resources = resources;
		this.writes = writes;
		this.retry = retry;
	}

	/**
	 * Creates or replaces the task a client's resource holds.
	 * @param name the resource's name in {@code calendar}, checked by the caller
	 * @param preconditions the request's {@code If-Match} and {@code If-None-Match}
	 * @throws DavPreconditionException for what RFC 4791 and RFC 9110 refuse
	 */
	Stored put(DavCalendars.Caller caller, DavCalendars.Calendar calendar, String name, String body,
			Preconditions preconditions) {
		VTodoReader.Todo todo = VTodoReader.read(body, caller.zone());
		DavCalendars.Names names = this.calendars.names(caller);
		List<Long> gone = new ArrayList<>();
		TaskView existing = live(caller, names.taskId(name), gone);
		// The conditions are on the resource at this address: one of this name in
		// another calendar is not here (it moves here).
		TaskView here = (existing != null && calendar.holds(existing)) ? existing : null;
		preconditions.mustNotExist((here != null) ? DavCalendars.etag(here, caller.zone()) : null);
		Long ifVersion = preconditions.version(here, caller.zone());
		if (existing != null && !names.uid(existing.id()).equals(todo.uid())) {
			throw uidConflict("A resource's UID cannot change; this one's is " + names.uid(existing.id()),
					names.href(existing));
		}
		if (existing == null) {
			TaskView holder = live(caller, holderOf(caller, names, todo.uid()), gone);
			if (holder != null && calendar.holds(holder)) {
				throw uidConflict("Another resource holds this UID", names.href(holder));
			}
			// The UID is another calendar's resource: a client that moves a task between
			// calendars under a new name (todoman) PUTs it here first, then deletes it
			// there. RFC 4791 (5.3.2.1) keeps a UID unique within a calendar; it moves
			// here, as one of the same name does, rather than being made anew.
			existing = holder;
		}
		if (existing == null) {
			// The UID the service will derive for a task it has not made yet: kept for
			// this one, it would be two tasks' once that task is made.
			OptionalLong derived = DavPaths.taskId(todo.uid() + ".ics");
			if (derived.isPresent() && !this.retry.idempotent(() -> this.resources.taskIdGiven(derived.getAsLong()))) {
				throw uidConflict("UIDs of the form task-N@tasktracker are the ones the service gives its own tasks, "
						+ "and it has made no task " + derived.getAsLong() + " yet: give a new task a UID of its own",
						null);
			}
		}
		Long parentId = null;
		String pendingParent = null;
		if (todo.parentUid() != null) {
			TaskView parent = live(caller, holderOf(caller, names, todo.parentUid()), new ArrayList<>());
			if (parent != null && (existing == null || parent.id() != existing.id())) {
				parentId = parent.id();
			}
			else if (parent == null) {
				pendingParent = todo.parentUid();
			}
		}
		String rule = todo.rule();
		if (existing != null && rule != null && rule.equals(VTodos.rule(existing, caller.zone()))) {
			// The rule as it was sent: the stored one, which counts from what it did.
			rule = existing.recurrenceRule();
		}
		TaskFields fields = new TaskFields(todo.title().strip(), blankAsNull(todo.description()), todo.completed(),
				calendar.projectId(), todo.labels(), todo.priority(), todo.dueDate(), todo.dueAt(), rule, parentId,
				todo.reminders());
		TaskView written;
		try {
			if (existing != null) {
				written = this.writes.replace(caller.id(), existing.id(), fields, ifVersion)
					.orElseThrow(DavWrites::stale);
			}
			else {
				written = this.writes.create(caller.id(), fields);
			}
		}
		catch (WriteRefusedException ex) {
			throw refused(ex);
		}
		if (existing != null && todo.sortOrder() != null && todo.sortOrder() != existing.sortOrder()) {
			written = reordered(caller, written, todo.sortOrder());
		}
		DavResources.Resource row = new DavResources.Resource(written.id(), name, todo.uid(), todo.extra(),
				pendingParent);
		try {
			this.retry.onceOnly(() -> {
				this.resources.save(caller.id(), row, gone);
				return null;
			});
		}
		catch (DuplicateKeyException ex) {
			// Another request took the name or the UID meanwhile: this one's task goes.
			if (existing == null) {
				this.writes.delete(caller.id(), written.id(), null);
			}
			throw uidConflict("Another resource took this name or UID meanwhile", null);
		}
		if (existing == null && linkWaitingChildren(caller, todo.uid(), written.id())) {
			// Its subtasks' counts moved its version: the ETag is that of the task now.
			long id = written.id();
			written = this.calendars.tasks(caller, List.of(id)).stream().findFirst().orElse(written);
		}
		// RFC 4791, 5.3.4: a client that gets an ETag takes what it sent for what is
		// stored. When the service made it something else (an occurrence completed, so
		// the task is open again with its next due), no ETag makes the client read it;
		// so too when it is stored in another calendar (a subtask, in its parent's).
		boolean asSent = written.completed() == todo.completed() && Objects.equals(written.dueDate(), todo.dueDate())
				&& Objects.equals(written.dueAt(), todo.dueAt()) && calendar.holds(written);
		// A resource of this name in another calendar has moved here (clients that name
		// resources by UID move a task so, PUT first): new at this address.
		boolean created = here == null;
		return new Stored(created, asSent ? DavCalendars.etag(written, caller.zone()) : null);
	}

	/**
	 * Deletes the task a resource holds (with its subtasks, as the API does), leaving
	 * tombstones that {@code sync-collection} reports.
	 * @return false when there is no such resource in the calendar
	 */
	boolean delete(DavCalendars.Caller caller, DavCalendars.Calendar calendar, String name,
			Preconditions preconditions) {
		DavCalendars.Names names = this.calendars.names(caller);
		TaskView existing = live(caller, names.taskId(name), new ArrayList<>());
		if (existing == null || !calendar.holds(existing)) {
			return false;
		}
		Long ifVersion = preconditions.version(existing, caller.zone());
		try {
			return this.writes.delete(caller.id(), existing.id(), ifVersion);
		}
		catch (WriteRefusedException ex) {
			throw refused(ex);
		}
	}

	/**
	 * A client moved the task in its list: its {@code X-APPLE-SORT-ORDER} now differs
	 * from the one it was sent, so it is placed after the sibling whose number is the
	 * largest below it (first when none is), as the client shows it. Only on a replace:
	 * the number a new task comes with was not made between this service's numbers.
	 */
	private TaskView reordered(DavCalendars.Caller caller, TaskView task, long sortOrder) {
		TaskView[] before = new TaskView[1];
		this.calendars.forEachTaskIn(caller, task.projectId(), (sibling) -> {
			if (sibling.id() != task.id() && Objects.equals(sibling.parentId(), task.parentId())
					&& sibling.sortOrder() < sortOrder
					&& (before[0] == null || sibling.sortOrder() > before[0].sortOrder()
							|| (sibling.sortOrder() == before[0].sortOrder() && sibling.id() > before[0].id()))) {
				before[0] = sibling;
			}
		});
		try {
			return this.writes.placeAfter(caller.id(), task.id(), (before[0] != null) ? before[0].id() : null)
				.orElse(task);
		}
		catch (WriteRefusedException ex) {
			throw refused(ex);
		}
	}

	/**
	 * Links the children that named this UID as their parent before it arrived.
	 * @return whether a child was linked
	 */
	private boolean linkWaitingChildren(DavCalendars.Caller caller, String uid, long parentId) {
		boolean linked = false;
		for (DavResources.Resource child : this.retry.idempotent(() -> this.resources.waitingFor(caller.id(), uid))) {
			// A child gone, or a tree too deep, stays a root task: its client sees
			// that in the RELATED-TO it is sent.
			linked |= this.writes.link(caller.id(), child.taskId(), parentId);
			this.retry.idempotent(() -> {
				this.resources.linked(caller.id(), child.taskId());
				return null;
			});
		}
		return linked;
	}

	/**
	 * The task that holds a UID: one a client wrote with it, or one whose derived UID it
	 * is and that no client has named.
	 */
	private OptionalLong holderOf(DavCalendars.Caller caller, DavCalendars.Names names, String uid) {
		Optional<DavResources.Resource> row = this.retry.idempotent(() -> this.resources.byUid(caller.id(), uid));
		if (row.isPresent()) {
			return OptionalLong.of(row.get().taskId());
		}
		OptionalLong derived = DavPaths.taskId(uid + ".ics");
		return (derived.isPresent() && names.row(derived.getAsLong()) == null) ? derived : OptionalLong.empty();
	}

	/**
	 * The caller's task of that id if it still exists; a row of a task that does not is
	 * added to {@code gone}, for the write to take its name and UID over.
	 */
	private @Nullable TaskView live(DavCalendars.Caller caller, OptionalLong taskId, List<Long> gone) {
		if (taskId.isEmpty()) {
			return null;
		}
		List<TaskView> found = this.calendars.tasks(caller, List.of(taskId.getAsLong()));
		if (found.isEmpty()) {
			gone.add(taskId.getAsLong());
			return null;
		}
		return found.get(0);
	}

	private static @Nullable String blankAsNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private static RuntimeException refused(WriteRefusedException ex) {
		return switch (ex.reason()) {
			case STALE -> stale();
			case INVALID, NAME_TAKEN -> new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.CALDAV,
					"valid-calendar-object-resource", "The task breaks a rule of the service: " + ex.getMessage());
		};
	}

	/** RFC 9110 names no element for a failed condition: a problem, as the API's 412. */
	static DavProblem stale() {
		return new DavProblem(HttpStatus.PRECONDITION_FAILED,
				"The resource is not as the request's If-Match or If-None-Match expects; read it again");
	}

	private static DavPreconditionException uidConflict(String detail, @Nullable String href) {
		return new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.CALDAV, "no-uid-conflict", detail, href);
	}

	/**
	 * The result of a {@code PUT}.
	 *
	 * @param created whether it made a new resource (201) rather than replaced one (204)
	 * @param etag the resource's new {@code ETag}; null when the service stored the task
	 * otherwise than it was sent
	 */
	record Stored(boolean created, @Nullable String etag) {
	}

	/**
	 * A request's {@code If-Match} and {@code If-None-Match} (RFC 9110, 13.1), as a write
	 * reads them.
	 */
	record Preconditions(@Nullable String ifMatch, @Nullable String ifNoneMatch) {

		/** {@code If-None-Match}: {@code *} or the current tag refuses the write. */
		void mustNotExist(@Nullable String etag) {
			if (this.ifNoneMatch == null || etag == null) {
				return;
			}
			for (String tag : this.ifNoneMatch.split(",")) {
				String trimmed = tag.strip();
				if (trimmed.equals("*") || trimmed.equals(etag)) {
					throw stale();
				}
			}
		}

		/**
		 * {@code If-Match}: the version the client saw, for the write to compare under
		 * the task's lock; null without the header, or with {@code *} and a resource.
		 * @throws DavProblem (412) when no listed tag is the resource's, or there is no
		 * resource
		 */
		@Nullable Long version(@Nullable TaskView existing, CalendarZone zone) {
			if (this.ifMatch == null) {
				return null;
			}
			if (existing == null) {
				throw stale();
			}
			String etag = DavCalendars.etag(existing, zone);
			for (String tag : this.ifMatch.split(",")) {
				String trimmed = tag.strip();
				if (trimmed.equals("*") || Objects.equals(trimmed, etag)) {
					return existing.version();
				}
			}
			throw stale();
		}

	}

}
