package org.tasktracker.caldav;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Trigger;
import org.jspecify.annotations.Nullable;
import org.tasktracker.recurrence.RecurrenceRule;
import org.tasktracker.recurrence.RuleRefusedException;
import org.tasktracker.task.published.TaskView;

import org.springframework.http.HttpStatus;

/**
 * A {@code VTODO} a client {@code PUT}s, read back into a task's fields: the reverse of
 * {@link VTodos}, as contract v3, part E maps them. What the service does not model
 * (other properties, other components, alarms it cannot hold as reminders, a rule outside
 * part C's subset) is kept as the client's content lines, to be sent back unchanged.
 * Refusals are the preconditions of RFC 4791, 5.3.2.1.
 */
final class VTodoReader {

	/**
	 * Properties the service writes itself from the task, so a client's are not kept: the
	 * mapped ones, and the timestamps of the store's own revision.
	 */
	private static final Set<String> MODELLED = Set.of("UID", "DTSTAMP", "CREATED", "LAST-MODIFIED", "SUMMARY",
			"DESCRIPTION", "DUE", "STATUS", "COMPLETED", "PRIORITY", "CATEGORIES", VTodos.SORT_ORDER);

	/**
	 * Properties RFC 5545 (3.6.2) allows once in a VTODO and the service reads: a second
	 * one would be dropped unseen, so it is refused.
	 */
	private static final List<String> ONCE = List.of("UID", "SUMMARY", "DESCRIPTION", "DUE", "DTSTART", "STATUS",
			"COMPLETED", "PRIORITY");

	/** What an alarm may hold and still be a reminder, losing nothing a client set. */
	private static final Set<String> REMINDER_PROPERTIES = Set.of("ACTION", "TRIGGER", "DESCRIPTION", "SUMMARY", "UID",
			"X-WR-ALARMUID");

	/** Part C's limit on reminders; alarms past it are kept as they are. */
	private static final int REMINDERS_MAX = 5;

	/** Part C's limit on a reminder before the due. */
	private static final Duration BEFORE_MAX = Duration.ofDays(366);

	private VTodoReader() {
	}

	/**
	 * Reads one calendar object resource.
	 * @param zone the owner's, in which a floating due is read
	 * @throws DavPreconditionException when it is not iCalendar, holds no single
	 * {@code VTODO} with a {@code UID}, or holds an event or a journal
	 */
	static Todo read(String body, CalendarZone zone) {
		Calendar calendar;
		try {
			calendar = new CalendarBuilder().build(new StringReader(body));
		}
		catch (ParserException | IOException | RuntimeException ex) {
			throw refused("valid-calendar-data", "The body is not an iCalendar object that can be read");
		}
		List<VToDo> todos = new ArrayList<>();
		for (Component component : calendar.getComponents()) {
			switch (component.getName()) {
				case Component.VTODO -> todos.add((VToDo) component);
				case Component.VEVENT, Component.VJOURNAL, Component.VFREEBUSY ->
					throw refused("supported-calendar-component", "These calendars hold tasks (VTODO) only");
				default -> {
					// VTIMEZONE is read through the TZIDs that name it; others have no
					// place in a task's calendar.
				}
			}
		}
		if (todos.size() != 1) {
			throw refused("valid-calendar-object-resource",
					"A resource holds exactly one VTODO (recurrence overrides are not taken)");
		}
		try {
			return todo(todos.get(0), zone);
		}
		catch (java.time.DateTimeException | IllegalArgumentException ex) {
			throw refused("valid-calendar-data", "A date or time in the VTODO cannot be read");
		}
	}

	private static Todo todo(VToDo todo, CalendarZone zone) {
		for (String once : ONCE) {
			if (todo.getProperties(once).size() > 1) {
				throw refused("valid-calendar-object-resource", "A VTODO has at most one " + once);
			}
		}
		String uid = todo.getUid().map(Property::getValue).map(String::strip).orElse("");
		if (uid.isEmpty()) {
			throw refused("valid-calendar-object-resource", "A VTODO needs a UID");
		}
		if (uid.length() > 255) {
			throw refused("valid-calendar-object-resource", "A UID is at most 255 characters here");
		}
		StringBuilder extra = new StringBuilder();
		String title = value(todo, "SUMMARY");
		String description = value(todo, "DESCRIPTION");
		String status = value(todo, "STATUS");
		boolean completed = (status != null)
				? (status.equalsIgnoreCase("COMPLETED") || status.equalsIgnoreCase("CANCELLED"))
				: todo.getProperty("COMPLETED").isPresent();
		int priority = todo.getProperty("PRIORITY").map((p) -> priority(p.getValue())).orElse(1);
		List<String> labels = new ArrayList<>();
		for (Property property : todo.getProperties("CATEGORIES")) {
			for (String label : ((Categories) property).getCategories().getTexts()) {
				if (!label.isBlank() && labels.stream().noneMatch(label.strip()::equalsIgnoreCase)) {
					labels.add(label.strip());
				}
			}
		}
		LocalDate dueDate = null;
		Instant dueAt = null;
		Optional<Property> due = todo.getProperty("DUE");
		if (due.isPresent()) {
			Temporal date = ((DateProperty<?>) due.get()).getDate();
			if (date instanceof LocalDate day) {
				dueDate = day;
			}
			else {
				dueAt = zone.instantOf(date);
			}
			Optional<Property> start = todo.getProperty("DTSTART");
			if (start.isPresent() && dueBeforeStart(dueDate, dueAt,
					zone.instantOf(((DateProperty<?>) start.get()).getDate()), zone)) {
				// RFC 5545, 3.8.2.3; clients that check it (todoman) stop listing the
				// calendar.
				throw refused("valid-calendar-data", "The VTODO's DUE is before its DTSTART");
			}
		}
		Long sortOrder = null;
		Optional<Property> sort = todo.getProperty(VTodos.SORT_ORDER);
		if (sort.isPresent()) {
			try {
				sortOrder = Long.parseLong(sort.get().getValue().strip());
			}
			catch (NumberFormatException ex) {
				// Not a number this service wrote: the order stays as it is.
			}
		}
		String parentUid = null;
		String rule = null;
		for (Property property : todo.getProperties()) {
			String name = property.getName().toUpperCase(Locale.ROOT);
			if (MODELLED.contains(name)) {
				continue;
			}
			if (name.equals("RELATED-TO") && parentUid == null && isParent(property)
					&& !property.getValue().isBlank()) {
				parentUid = property.getValue().strip();
				if (parentUid.equals(uid)) {
					// As the API refuses a task that is its own parent.
					throw refused("valid-calendar-object-resource",
							"The task breaks a rule of the service: parent_id must not be the task itself");
				}
			}
			else if (name.equals("RRULE") && rule == null && inSubset(property.getValue())
					&& (dueDate != null || dueAt != null)) {
				rule = property.getValue();
			}
			else if (name.equals("PERCENT-COMPLETE")
					&& (property.getValue().equals("0") || property.getValue().equals("100"))) {
				// What STATUS says already, and would contradict it once a recurring
				// task's occurrence is completed and the task opens again.
				continue;
			}
			else {
				extra.append(KeptDates.read(property, zone));
			}
		}
		List<TaskView.Reminder> reminders = new ArrayList<>();
		for (Component component : todo.getComponentList().getAll()) {
			TaskView.Reminder reminder = (component instanceof VAlarm alarm && reminders.size() < REMINDERS_MAX)
					? reminder(alarm, dueDate != null || dueAt != null) : null;
			if (reminder != null) {
				if (!reminders.contains(reminder)) {
					reminders.add(reminder);
				}
			}
			else {
				extra.append(component);
			}
		}
		return new Todo(uid, (title != null) ? title : "", description, completed, labels, priority, dueDate, dueAt,
				rule, parentUid, reminders, sortOrder, extra.toString());
	}

	/** A date due is compared by dates, so that a start on its day is not after it. */
	private static boolean dueBeforeStart(@Nullable LocalDate dueDate, @Nullable Instant dueAt, Instant start,
			CalendarZone zone) {
		return (dueDate != null) ? dueDate.isBefore(LocalDate.ofInstant(start, zone.owner()))
				: (dueAt != null && dueAt.isBefore(start));
	}

	/** RFC 5545: {@code RELTYPE} defaults to {@code PARENT}. */
	private static boolean isParent(Property property) {
		Optional<Parameter> type = property.getParameter("RELTYPE");
		return type.isEmpty() || type.get().getValue().equalsIgnoreCase("PARENT");
	}

	private static boolean inSubset(String rule) {
		try {
			RecurrenceRule.parse(rule);
			return true;
		}
		catch (RuleRefusedException ex) {
			return false;
		}
	}

	/**
	 * A displayed alarm at a time before the due ({@code TRIGGER;RELATED=END}) or at an
	 * instant, holding nothing else a client set; null for any other, which is kept.
	 */
	private static TaskView.@Nullable Reminder reminder(VAlarm alarm, boolean hasDue) {
		for (Property property : alarm.getProperties()) {
			if (!REMINDER_PROPERTIES.contains(property.getName().toUpperCase(Locale.ROOT))) {
				return null;
			}
		}
		if (!alarm.getProperty("ACTION").map(Property::getValue).orElse("").equalsIgnoreCase("DISPLAY")) {
			return null;
		}
		Optional<Property> found = alarm.getProperty("TRIGGER");
		if (found.isEmpty()) {
			return null;
		}
		Trigger trigger = (Trigger) found.get();
		if (trigger.isAbsolute()) {
			return new TaskView.Reminder(null, trigger.getDate());
		}
		boolean relatedToEnd = trigger.getParameter("RELATED")
			.map((related) -> related.getValue().equalsIgnoreCase("END"))
			.orElse(false);
		Duration offset = duration(trigger.getDuration());
		if (!relatedToEnd || !hasDue || offset == null || offset.isPositive()
				|| offset.negated().compareTo(BEFORE_MAX) > 0) {
			return null;
		}
		return new TaskView.Reminder(offset.negated(), null);
	}

	private static @Nullable Duration duration(@Nullable TemporalAmount amount) {
		if (amount instanceof Duration duration) {
			return duration;
		}
		if (amount instanceof Period period && period.getYears() == 0 && period.getMonths() == 0) {
			return Duration.ofDays(period.getDays());
		}
		return null;
	}

	/**
	 * The service's priority of iCalendar's, as Tasks.org reads them: 1-4 urgent, 5 high,
	 * 6-9 medium, 0 or none normal (the reverse of {@link VTodos#priority}).
	 */
	static int priority(String value) {
		int priority;
		try {
			priority = Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			return 1;
		}
		if (priority >= 1 && priority <= 4) {
			return 4;
		}
		if (priority == 5) {
			return 3;
		}
		if (priority >= 6 && priority <= 9) {
			return 2;
		}
		return 1;
	}

	private static @Nullable String value(VToDo todo, String name) {
		return todo.getProperty(name).map(Property::getValue).orElse(null);
	}

	private static DavPreconditionException refused(String element, String detail) {
		return new DavPreconditionException(HttpStatus.FORBIDDEN, DavXml.CALDAV, element, detail);
	}

	/**
	 * A {@code VTODO} as read.
	 *
	 * @param title the {@code SUMMARY}, empty when there is none
	 * @param rule an {@code RRULE} of part C's subset on a task with a due, else null
	 * (another is in {@code extra})
	 * @param parentUid the UID its {@code RELATED-TO;RELTYPE=PARENT} names, or null
	 * @param sortOrder its {@code X-APPLE-SORT-ORDER}, or null
	 * @param extra the content lines kept as they came, unfolded, each ending in CRLF
	 */
	record Todo(String uid, String title, @Nullable String description, boolean completed, List<String> labels,
			int priority, @Nullable LocalDate dueDate, @Nullable Instant dueAt, @Nullable String rule,
			@Nullable String parentUid, List<TaskView.Reminder> reminders, @Nullable Long sortOrder, String extra) {
	}

}
