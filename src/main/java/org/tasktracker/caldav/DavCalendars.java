package org.tasktracker.caldav;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.xml.namespace.QName;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.parameter.RelType;
import net.fortuna.ical4j.model.property.RelatedTo;
import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.account.UserZones;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.task.published.CalendarView;
import org.tasktracker.task.published.ChangeFeed;
import org.tasktracker.task.published.OwnedTasks;
import org.tasktracker.task.published.TaskView;

import org.springframework.stereotype.Service;

/**
 * The CalDAV server's resources for one caller, read through what the task feature
 * publishes: the principal, the calendar home, the calendars (the Inbox and one per
 * project not archived) and the tasks in them, each as a {@link DavNode} with the
 * properties contract v3, part E names.
 */
@Service
class DavCalendars {

	static final String CONTENT_TYPE = "text/calendar; charset=utf-8";

	/**
	 * RFC 6578 wants a sync token to be a URI: the change feed's token (base64url and a
	 * dot) after this prefix.
	 */
	static final String SYNC_TOKEN_PREFIX = "urn:x-tasktracker:sync:";

	private static final QName COLLECTION = new QName(DavXml.DAV, "collection");

	private static final QName PRINCIPAL = new QName(DavXml.DAV, "principal");

	private static final QName CALENDAR = new QName(DavXml.CALDAV, "calendar");

	/** Tasks whose names are read in one statement while a calendar is listed. */
	static final int BATCH = 100;

	/** The largest calendar object resource a PUT may send, in bytes. */
	static final int MAX_RESOURCE_SIZE = 256 * 1024;

	private static final List<String> READ = List.of("read", "read-current-user-privilege-set");

	private static final List<String> READ_WRITE = List.of("read", "read-current-user-privilege-set", "write",
			"write-properties", "write-content", "bind", "unbind");

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private final OwnedTasks tasks;

	private final ChangeFeed feed;

	private final UserZones zones;

	private final DatabaseRetry retry;

	private final DavResources resources;

	DavCalendars(OwnedTasks tasks, ChangeFeed feed, UserZones zones, DatabaseRetry retry, DavResources resources) {
		this.tasks = tasks;
		this.feed = feed;
		this.zones = zones;
		this.retry = retry;
		this.resources = resources;
	}

	/**
	 * @param writes whether the caller's token may change tasks ({@code tasks:write}),
	 * which the privileges it is told say
	 */
	Caller caller(Account account, boolean writes) {
		return new Caller(account.id(), account.username(), CalendarZone.of(this.zones.zoneOf(account.id())), writes,
				this.retry.idempotent(() -> this.resources.calendarNames(account.id())));
	}

	/** The names and kept properties of the caller's resources, read once a request. */
	Names names(Caller caller) {
		return new Names(caller, this.resources);
	}

	/** The caller's calendars: the Inbox first, then the projects not archived. */
	List<Calendar> calendars(Caller caller) {
		List<CalendarView> projects = this.retry.idempotent(() -> this.tasks.openProjects(caller.id()));
		java.util.ArrayList<Calendar> calendars = new java.util.ArrayList<>();
		calendars.add(Calendar.INBOX);
		projects.forEach((project) -> calendars.add(new Calendar(project)));
		return calendars;
	}

	/** The calendar of that project (the Inbox for null), if the caller has it. */
	Optional<Calendar> calendar(Caller caller, @Nullable Long projectId) {
		if (projectId == null) {
			return Optional.of(Calendar.INBOX);
		}
		return calendars(caller).stream().filter((calendar) -> projectId.equals(calendar.projectId())).findFirst();
	}

	/** The caller's task in that calendar. */
	Optional<TaskView> task(Caller caller, Calendar calendar, long taskId) {
		return this.retry.idempotent(() -> this.tasks.byIds(caller.id(), List.of(taskId)))
			.stream()
			.filter((task) -> calendar.holds(task))
			.findFirst();
	}

	List<TaskView> tasks(Caller caller, Collection<Long> ids) {
		return this.retry.idempotent(() -> this.tasks.byIds(caller.id(), ids));
	}

	/**
	 * Each task of the calendar to {@code each}, read in one statement. {@code each}
	 * writes into a spooled body, never to the client, while the statement's transaction
	 * is open.
	 */
	void forEachTask(Caller caller, Calendar calendar, Names names, Consumer<TaskView> each) {
		List<TaskView> batch = new ArrayList<>(BATCH);
		this.tasks.forEachIn(caller.id(), calendar.projectId(), (task) -> {
			batch.add(task);
			if (batch.size() == BATCH) {
				names.load(batch);
				batch.forEach(each);
				batch.clear();
			}
		});
		names.load(batch);
		batch.forEach(each);
	}

	/** As {@link #forEachTask}, for the tasks of a project (of the Inbox for null). */
	void forEachTaskIn(Caller caller, @Nullable Long projectId, Consumer<TaskView> each) {
		this.tasks.forEachIn(caller.id(), projectId, each);
	}

	ChangeFeed.Changes changes(Caller caller, @Nullable String token, int limit) {
		return this.feed.read(caller.id(), token, limit);
	}

	DavNode root(Caller caller) {
		return new DavNode(DavPaths.ROOT).with(DavXml.DAV, "resourcetype", DavNode.Value.elements(COLLECTION))
			.with(DavXml.DAV, "displayname", DavNode.Value.text("TaskTracker"))
			.with(DavXml.DAV, "current-user-principal", DavNode.Value.href(DavPaths.principal(caller.username())))
			.with(DavXml.DAV, "current-user-privilege-set", DavCalendars::readOnly);
	}

	DavNode principal(Caller caller) {
		String principal = DavPaths.principal(caller.username());
		return new DavNode(principal).with(DavXml.DAV, "resourcetype", DavNode.Value.elements(COLLECTION, PRINCIPAL))
			.with(DavXml.DAV, "displayname", DavNode.Value.text(caller.username()))
			.with(DavXml.DAV, "current-user-principal", DavNode.Value.href(principal))
			.with(DavXml.DAV, "principal-URL", DavNode.Value.href(principal))
			.with(DavXml.CALDAV, "calendar-home-set", DavNode.Value.href(DavPaths.home(caller.username())))
			.with(DavXml.DAV, "current-user-privilege-set", DavCalendars::readOnly);
	}

	DavNode home(Caller caller) {
		return new DavNode(DavPaths.home(caller.username()))
			.with(DavXml.DAV, "resourcetype", DavNode.Value.elements(COLLECTION))
			.with(DavXml.DAV, "displayname", DavNode.Value.text(caller.username()))
			.with(DavXml.DAV, "current-user-principal", DavNode.Value.href(DavPaths.principal(caller.username())))
			.with(DavXml.DAV, "owner", DavNode.Value.href(DavPaths.principal(caller.username())))
			.with(DavXml.DAV, "current-user-privilege-set", privileges(caller));
	}

	DavNode calendar(Caller caller, Calendar calendar) {
		DavNode node = new DavNode(caller.calendarHref(calendar.projectId()))
			.with(DavXml.DAV, "resourcetype", DavNode.Value.elements(COLLECTION, CALENDAR))
			.with(DavXml.DAV, "displayname", DavNode.Value.text(calendar.name()))
			.with(DavXml.CALDAV, "supported-calendar-component-set", (xml) -> {
				xml.writeEmptyElement(DavXml.CALDAV, "comp");
				xml.writeAttribute("name", "VTODO");
			})
			.with(DavXml.CALENDARSERVER, "getctag",
					(xml) -> xml.writeCharacters(contentTag(caller, calendar.projectId())))
			.with(DavXml.DAV, "sync-token",
					(xml) -> xml.writeCharacters(SYNC_TOKEN_PREFIX + this.feed.current(caller.id())))
			.with(DavXml.DAV, "supported-report-set", DavCalendars::reports)
			.with(DavXml.DAV, "current-user-principal", DavNode.Value.href(DavPaths.principal(caller.username())))
			.with(DavXml.DAV, "owner", DavNode.Value.href(DavPaths.principal(caller.username())))
			.with(DavXml.DAV, "current-user-privilege-set", privileges(caller))
			.with(DavXml.CALDAV, "max-resource-size", DavNode.Value.text(Integer.toString(MAX_RESOURCE_SIZE)));
		if (calendar.color() != null) {
			node.with(DavXml.APPLE, "calendar-color", DavNode.Value.text(calendar.color()));
		}
		return node;
	}

	/**
	 * The task's {@code VTODO}: under the UIDs clients chose for it and its parent, with
	 * a parent named before it arrived.
	 */
	static VToDo todo(Caller caller, Names names, TaskView task) {
		VToDo todo = VTodos.of(task, caller.zone(), names::uid);
		DavResources.Resource row = names.row(task.id());
		if (task.parentId() == null && row != null && row.parentUid() != null) {
			todo.add(new RelatedTo(new ParameterList(List.of(RelType.PARENT)), row.parentUid()));
		}
		return todo;
	}

	/**
	 * The task's {@code VTODO} with what its client wrote that the service does not model
	 * (a {@code LOCATION}, an {@code X-} property), as a client reads it: for filters on
	 * such properties. Read back from the resource's text, so only when a filter needs
	 * it.
	 */
	static VToDo whole(Caller caller, Names names, TaskView task, VToDo todo) {
		DavResources.Resource row = names.row(task.id());
		if (row == null || row.extra().isEmpty()) {
			return todo;
		}
		try {
			return (VToDo) new CalendarBuilder().build(new StringReader(ics(task, todo, row.extra(), caller.zone())))
				.getComponents(Component.VTODO)
				.get(0);
		}
		catch (IOException | ParserException ex) {
			// What the service wrote, read back: the modelled VTODO still answers.
			return todo;
		}
	}

	/**
	 * A task's resource. Its {@code calendar-data} and {@code getcontentlength} are
	 * written from {@code todo} (and what its client wrote that the service does not
	 * model) when asked for.
	 */
	DavNode resource(Caller caller, Names names, TaskView task, VToDo todo) {
		DavResources.Resource row = names.row(task.id());
		String extra = (row != null) ? row.extra() : "";
		return new DavNode(names.href(task)).with(DavXml.DAV, "getetag", DavNode.Value.text(etag(task, caller.zone())))
			.with(DavXml.DAV, "getcontenttype", DavNode.Value.text(CONTENT_TYPE))
			.with(DavXml.DAV, "resourcetype", (xml) -> {
			})
			.with(DavXml.DAV, "getlastmodified", DavNode.Value.text(HTTP_DATE.format(task.updatedAt())))
			.with(DavXml.DAV, "getcontentlength",
					(xml) -> xml.writeCharacters(Integer
						.toString(ics(task, todo, extra, caller.zone()).getBytes(StandardCharsets.UTF_8).length)))
			.with(DavXml.CALDAV, "calendar-data", (xml) -> xml.writeCharacters(ics(task, todo, extra, caller.zone())));
	}

	/**
	 * The task's version, and the owner's zone, in which timed dues are written: a change
	 * of zone changes the body without changing the version.
	 */
	static String etag(TaskView task, CalendarZone zone) {
		return "\"" + task.version() + "-" + zoneTag(zone) + "\"";
	}

	/**
	 * The task as one iCalendar object: its {@code VTODO}, with its zone's definition if
	 * a timed due or a kept date-time ({@link KeptDates}) needs it.
	 * @param extra content lines a client wrote into the {@code VTODO} that the service
	 * does not model, written back at its end
	 */
	static String ics(TaskView task, VToDo todo, String extra, CalendarZone zone) {
		CalendarZone written = (task.dueAt() != null || extra.contains(";TZID=")) ? zone
				: new CalendarZone(zone.owner(), null);
		ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
		try (ICalendarWriter calendar = new ICalendarWriter(out, written)) {
			calendar.write(todo, extra);
			calendar.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private String contentTag(Caller caller, @Nullable Long projectId) {
		return this.retry.idempotent(() -> this.tasks.contentTag(caller.id(), projectId)) + "-"
				+ zoneTag(caller.zone());
	}

	private static String zoneTag(CalendarZone zone) {
		return Integer.toUnsignedString(zone.owner().getId().hashCode(), 36);
	}

	/** The root and the principal are read only, whatever the token. */
	private static void readOnly(javax.xml.stream.XMLStreamWriter xml) throws javax.xml.stream.XMLStreamException {
		privileges(xml, READ);
	}

	/**
	 * A calendar home's and a calendar's privileges: reading, and with
	 * {@code tasks:write} writing (content, properties, and adding and removing members),
	 * so that a client offers to edit only with a token that may.
	 */
	private static DavNode.Value privileges(Caller caller) {
		return (xml) -> privileges(xml, caller.writes() ? READ_WRITE : READ);
	}

	private static void privileges(javax.xml.stream.XMLStreamWriter xml, List<String> privileges)
			throws javax.xml.stream.XMLStreamException {
		for (String privilege : privileges) {
			xml.writeStartElement(DavXml.DAV, "privilege");
			xml.writeEmptyElement(DavXml.DAV, privilege);
			xml.writeEndElement();
		}
	}

	private static void reports(javax.xml.stream.XMLStreamWriter xml) throws javax.xml.stream.XMLStreamException {
		for (QName report : List.of(new QName(DavXml.CALDAV, "calendar-query"),
				new QName(DavXml.CALDAV, "calendar-multiget"), new QName(DavXml.DAV, "sync-collection"))) {
			xml.writeStartElement(DavXml.DAV, "supported-report");
			xml.writeStartElement(DavXml.DAV, "report");
			xml.writeEmptyElement(report.getNamespaceURI(), report.getLocalPart());
			xml.writeEndElement();
			xml.writeEndElement();
		}
	}

	/**
	 * The caller of a DAV request.
	 *
	 * @param zone the zone its dates are read and written in
	 */
	record Caller(long id, String username, CalendarZone zone, boolean writes, Map<Long, String> calendarNames) {

		boolean owns(String user) {
			return this.username.equals(user);
		}

		/**
		 * A calendar's address: under the name a client made it with, else the project's
		 * id (the Inbox's name for null).
		 */
		String calendarHref(@Nullable Long projectId) {
			String name = (projectId != null) ? this.calendarNames.get(projectId) : null;
			return (name != null) ? DavPaths.home(this.username) + DavPaths.segment(name) + "/"
					: DavPaths.calendar(this.username, projectId);
		}

		/**
		 * The path with a calendar's client-made name replaced by its project's id, as
		 * {@link DavPaths#parse} reads calendars; other paths as they are.
		 */
		String resolve(String path) {
			String home = DavPaths.home(this.username);
			if (this.calendarNames.isEmpty() || !path.startsWith(home)) {
				return path;
			}
			int end = path.indexOf('/', home.length());
			String segment = path.substring(home.length(), (end < 0) ? path.length() : end);
			String name;
			try {
				name = org.springframework.web.util.UriUtils.decode(segment, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return path;
			}
			for (Map.Entry<Long, String> calendar : this.calendarNames.entrySet()) {
				if (calendar.getValue().equals(name)) {
					return home + calendar.getKey() + ((end < 0) ? "" : path.substring(end));
				}
			}
			return path;
		}

	}

	/**
	 * The resource names and UIDs clients chose, and what they wrote that the service
	 * does not model, by task; a task without a row has its derived name and UID. Rows
	 * are read as they are asked for, or a batch at a time ({@link #load}) for a listing,
	 * which then holds only that batch: memory does not grow with the calendar.
	 */
	static final class Names {

		private final Caller caller;

		private final DavResources resources;

		/** Rows read so far, by task; an empty one where a task has none. */
		private final Map<Long, Optional<DavResources.Resource>> byTask = new HashMap<>();

		Names(Caller caller, DavResources resources) {
			this.caller = caller;
			this.resources = resources;
		}

		/**
		 * Reads the rows of these tasks and their parents, forgetting those read before.
		 * Runs on the caller's thread, in its transaction if one is open (a listing's
		 * cursor), whose connection it then shares.
		 */
		void load(Collection<TaskView> tasks) {
			this.byTask.clear();
			Set<Long> ids = new HashSet<>();
			for (TaskView task : tasks) {
				ids.add(task.id());
				if (task.parentId() != null) {
					ids.add(task.parentId());
				}
			}
			read(ids);
		}

		/** Reads the rows of these tasks, keeping those read before. */
		void loadIds(Collection<Long> ids) {
			read(ids.stream().filter((id) -> !this.byTask.containsKey(id)).collect(Collectors.toSet()));
		}

		private void read(Set<Long> ids) {
			if (ids.isEmpty()) {
				return;
			}
			ids.forEach((id) -> this.byTask.put(id, Optional.empty()));
			this.resources.byTasks(this.caller.id(), ids)
				.forEach((row) -> this.byTask.put(row.taskId(), Optional.of(row)));
		}

		DavResources.@Nullable Resource row(long taskId) {
			if (!this.byTask.containsKey(taskId)) {
				read(Set.of(taskId));
			}
			return this.byTask.get(taskId).orElse(null);
		}

		String uid(long taskId) {
			DavResources.Resource row = row(taskId);
			return (row != null) ? row.uid() : TaskUids.of(taskId);
		}

		String name(long taskId) {
			DavResources.Resource row = row(taskId);
			return (row != null) ? row.name() : DavPaths.derivedName(taskId);
		}

		String href(TaskView task) {
			return href(task.projectId(), task.id());
		}

		String href(@Nullable Long projectId, long taskId) {
			return this.caller.calendarHref(projectId) + DavPaths.segment(name(taskId));
		}

		/** The task a resource name names: a client's name, or a derived one. */
		OptionalLong taskId(String name) {
			return taskIds(List.of(name)).getOrDefault(name, OptionalLong.empty());
		}

		/** The tasks resource names name, read in one statement per batch of names. */
		Map<String, OptionalLong> taskIds(Collection<String> names) {
			Map<String, OptionalLong> found = new HashMap<>();
			List<String> distinct = names.stream().distinct().toList();
			for (int from = 0; from < distinct.size(); from += BATCH) {
				for (DavResources.Resource row : this.resources.byNames(this.caller.id(),
						distinct.subList(from, Math.min(distinct.size(), from + BATCH)))) {
					this.byTask.put(row.taskId(), Optional.of(row));
					found.put(row.name(), OptionalLong.of(row.taskId()));
				}
			}
			List<Long> derived = new ArrayList<>();
			for (String name : distinct) {
				if (!found.containsKey(name)) {
					DavPaths.taskId(name).ifPresent(derived::add);
				}
			}
			loadIds(derived);
			for (String name : distinct) {
				if (!found.containsKey(name)) {
					OptionalLong id = DavPaths.taskId(name);
					// A task a client has named has no other name.
					found.put(name, (id.isPresent() && row(id.getAsLong()) == null) ? id : OptionalLong.empty());
				}
			}
			return found;
		}

	}

	/** A calendar: a project's, or the Inbox (a null project). */
	record Calendar(@Nullable CalendarView project) {

		static final Calendar INBOX = new Calendar(null);

		@Nullable Long projectId() {
			return (this.project != null) ? this.project.id() : null;
		}

		String name() {
			return (this.project != null) ? this.project.name() : "Inbox";
		}

		@Nullable String color() {
			return (this.project != null) ? this.project.color() : null;
		}

		boolean holds(TaskView task) {
			return java.util.Objects.equals(task.projectId(), projectId());
		}

	}

}
