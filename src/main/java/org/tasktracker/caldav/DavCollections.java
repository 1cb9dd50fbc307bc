package org.tasktracker.caldav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.namespace.QName;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.task.published.CalendarView;
import org.tasktracker.task.published.TaskWrites;
import org.tasktracker.task.published.TaskWrites.WriteRefusedException;
import org.w3c.dom.Element;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

/**
 * The CalDAV server's writes of calendars: {@code MKCALENDAR} makes a project,
 * {@code PROPPATCH} renames and recolours one, {@code DELETE} deletes one with its tasks.
 * The Inbox is not a project: it can be neither changed nor deleted.
 */
@Service
class DavCollections {

	private static final QName DISPLAYNAME = new QName(DavXml.DAV, "displayname");

	private static final QName COLOR = new QName(DavXml.APPLE, "calendar-color");

	/** Apple's colours: {@code #rrggbb}, with an alpha that the service does not keep. */
	private static final Pattern APPLE_COLOR = Pattern.compile("#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?");

	private final DavCalendars calendars;

	private final DavResources resources;

	private final TaskWrites writes;

	private final DatabaseRetry retry;

	DavCollections(DavCalendars calendars, DavResources resources, TaskWrites writes, DatabaseRetry retry) {
		this.calendars = calendars;
		this.resources = resources;
		this.writes = writes;
		this.retry = retry;
	}

	/**
	 * RFC 4791, 5.3.1: a new calendar under the caller's home, a project named by the
	 * body's {@code displayname} (else by the path's last segment) and coloured by its
	 * {@code calendar-color}. The calendar answers under the address it was made at (kept
	 * in {@code caldav_calendars}), as clients expect, and is listed so.
	 */
	void mkcalendar(DavCalendars.Caller caller, String path, @Nullable Element body, HttpServletResponse response) {
		String home = DavPaths.home(caller.username());
		if (!path.startsWith(home) || !(path.startsWith("/dav/calendars/"))) {
			throw DavController.notFound();
		}
		String segment = path.substring(home.length());
		segment = segment.endsWith("/") ? segment.substring(0, segment.length() - 1) : segment;
		if (segment.isEmpty() || segment.contains("/")) {
			throw new DavProblem(HttpStatus.FORBIDDEN, "A calendar is made right under your calendar home");
		}
		if (DavPaths.parse(path) instanceof DavPaths.Calendar here
				&& this.calendars.calendar(caller, here.projectId()).isPresent()) {
			response.setHeader(HttpHeaders.ALLOW, "OPTIONS, PROPFIND, REPORT, PROPPATCH, DELETE");
			throw new DavProblem(HttpStatus.METHOD_NOT_ALLOWED, "A calendar is already here");
		}
		String segmentName;
		try {
			segmentName = UriUtils.decode(segment, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw DavController.notFound();
		}
		if (!DavPaths.isResourceName(segmentName) || segmentName.chars().allMatch(Character::isDigit)) {
			throw new DavProblem(HttpStatus.FORBIDDEN, "A calendar's name in its address is at most 255 characters, "
					+ "not only digits, without /, \\, .., a leading dot or control characters");
		}
		String name = segmentName;
		String color = null;
		if (body != null) {
			if (!DavXml.is(body, DavXml.CALDAV, "mkcalendar")) {
				throw new DavProblem(HttpStatus.BAD_REQUEST, "The body of a MKCALENDAR is a CALDAV:mkcalendar");
			}
			for (Map.Entry<QName, Element> property : set(body).entrySet()) {
				if (property.getKey().equals(DISPLAYNAME) && !property.getValue().getTextContent().isBlank()) {
					name = property.getValue().getTextContent();
				}
				else if (property.getKey().equals(COLOR)) {
					color = color(property.getValue().getTextContent());
					// RFC 4791, 5.3.1: a property that cannot be set fails the whole
					// MKCALENDAR, as it fails a PROPPATCH.
					if (color == null) {
						throw new DavProblem(HttpStatus.FORBIDDEN,
								"A calendar-color is #RRGGBB or #RRGGBBAA; no calendar was made");
					}
				}
				else if (property.getKey().equals(new QName(DavXml.CALDAV, "supported-calendar-component-set"))
						&& !holdsTasks(property.getValue())) {
					throw new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.CALDAV,
							"supported-calendar-component", "Calendars here hold tasks (VTODO)");
				}
			}
		}
		CalendarView project;
		try {
			project = this.writes.createProject(caller.id(), name.strip(), color);
		}
		catch (WriteRefusedException ex) {
			throw refused(ex);
		}
		try {
			this.retry.onceOnly(() -> {
				this.resources.nameCalendar(caller.id(), project.id(), segmentName);
				return null;
			});
		}
		catch (DuplicateKeyException ex) {
			// Two MKCALENDARs of one address at once: the second's project goes.
			this.writes.deleteProject(caller.id(), project.id());
			throw new DavProblem(HttpStatus.METHOD_NOT_ALLOWED, "A calendar is already here");
		}
		response.setHeader(HttpHeaders.LOCATION,
				DavPaths.home(caller.username()) + DavPaths.segment(segmentName) + "/");
		response.setStatus(HttpStatus.CREATED.value());
	}

	/**
	 * RFC 4918, 9.2: {@code displayname} renames a project and {@code calendar-color}
	 * recolours it (its removal clears the colour); any other property is refused, and
	 * then nothing changes (403 for it, 424 for the rest).
	 */
	void proppatch(DavCalendars.Caller caller, DavPaths.Target target, @Nullable Element body,
			PropertyPatchAnswer answer) throws IOException {
		if (body == null || !DavXml.is(body, DavXml.DAV, "propertyupdate")) {
			throw new DavProblem(HttpStatus.BAD_REQUEST, "The body of a PROPPATCH is a DAV:propertyupdate");
		}
		if (!(target instanceof DavPaths.Calendar path)) {
			throw new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.DAV, "cannot-modify-protected-property",
					"Only a calendar's displayname and calendar-color can be changed");
		}
		DavCalendars.Calendar calendar = this.calendars.calendar(caller, path.projectId())
			.orElseThrow(DavController::notFound);
		String href = caller.calendarHref(calendar.projectId());
		Map<QName, String> statuses = new LinkedHashMap<>();
		String name = null;
		boolean setColor = false;
		String color = null;
		boolean refused = false;
		for (Element instruction : DavXml.children(body)) {
			boolean remove = DavXml.is(instruction, DavXml.DAV, "remove");
			if (!remove && !DavXml.is(instruction, DavXml.DAV, "set")) {
				continue;
			}
			Element prop = DavXml.child(instruction, DavXml.DAV, "prop");
			for (Element property : (prop != null) ? DavXml.children(prop) : java.util.List.<Element>of()) {
				QName key = DavXml.name(property);
				String value = property.getTextContent().strip();
				boolean taken = calendar.project() != null && ((key.equals(DISPLAYNAME) && !remove && !value.isEmpty())
						|| (key.equals(COLOR) && (remove || color(value) != null)));
				if (taken && key.equals(DISPLAYNAME)) {
					name = value;
				}
				else if (taken) {
					setColor = true;
					color = remove ? null : color(value);
				}
				refused |= !taken;
				statuses.put(key, taken ? "200 OK" : "403 Forbidden");
			}
		}
		if (refused) {
			statuses.replaceAll((key, status) -> status.startsWith("200") ? "424 Failed Dependency" : status);
		}
		else if (calendar.projectId() != null && (name != null || setColor)) {
			try {
				this.writes.changeProject(caller.id(), calendar.projectId(), name, setColor, color)
					.orElseThrow(DavController::notFound);
			}
			catch (WriteRefusedException ex) {
				throw refused(ex);
			}
		}
		answer.send(href, statuses);
	}

	/** The project with its tasks; the Inbox is refused. */
	void delete(DavCalendars.Caller caller, DavCalendars.Calendar calendar) {
		if (calendar.projectId() == null) {
			throw new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.DAV, "need-privileges",
					"The Inbox holds the tasks of no project; it cannot be deleted");
		}
		if (!this.writes.deleteProject(caller.id(), calendar.projectId())) {
			throw DavController.notFound();
		}
	}

	/** The properties a {@code set} of the body sets, by name. */
	private static Map<QName, Element> set(Element body) {
		Map<QName, Element> properties = new LinkedHashMap<>();
		for (Element set : DavXml.children(body)) {
			Element prop = DavXml.is(set, DavXml.DAV, "set") ? DavXml.child(set, DavXml.DAV, "prop") : null;
			if (prop != null) {
				DavXml.children(prop).forEach((property) -> properties.put(DavXml.name(property), property));
			}
		}
		return properties;
	}

	private static boolean holdsTasks(Element componentSet) {
		return DavXml.children(componentSet)
			.stream()
			.anyMatch((comp) -> "VTODO".equalsIgnoreCase(comp.getAttribute("name")));
	}

	/**
	 * {@code #rrggbb} of Apple's {@code #RRGGBB} or {@code #RRGGBBAA}; null otherwise.
	 */
	static @Nullable String color(String value) {
		java.util.regex.Matcher matcher = APPLE_COLOR.matcher(value.strip());
		return matcher.matches() ? "#" + matcher.group(1).toLowerCase(Locale.ROOT) : null;
	}

	private static RuntimeException refused(WriteRefusedException ex) {
		if (ex.reason() == WriteRefusedException.Reason.NAME_TAKEN) {
			return new DavProblem(HttpStatus.CONFLICT, "You have a project of that name");
		}
		return new DavProblem(HttpStatus.FORBIDDEN, "The calendar breaks a rule of the service: " + ex.getMessage());
	}

	/** Sends a {@code PROPPATCH}'s multistatus: each property with its status. */
	@FunctionalInterface
	interface PropertyPatchAnswer {

		void send(String href, Map<QName, String> statuses) throws IOException;

	}

}
