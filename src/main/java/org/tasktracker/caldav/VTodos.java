package org.tasktracker.caldav;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VToDo;
import net.fortuna.ical4j.model.parameter.RelType;
import net.fortuna.ical4j.model.parameter.Related;
import net.fortuna.ical4j.model.property.Action;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Completed;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Due;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Priority;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RelatedTo;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Trigger;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import org.tasktracker.task.published.TaskView;

/**
 * A task as an iCalendar {@code VTODO} (RFC 5545), mapped as contract v3, part E says and
 * {@code docs/api.md} tabulates. Everything in it depends on the task alone (and the
 * owner's zone), never on other tasks, so that the same task always reads the same until
 * its version changes: what a CalDAV {@code ETag} needs.
 */
final class VTodos {

	/** Apple Reminders' (and Tasks.org's) manual order: smaller first. */
	static final String SORT_ORDER = "X-APPLE-SORT-ORDER";

	private static final Pattern UNTIL = Pattern.compile("UNTIL=(\\d{8})(T\\d{6}Z)?");

	private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final DateTimeFormatter UTC_DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private VTodos() {
	}

	/**
	 * The task's {@code VTODO}. Its {@code DTSTAMP} is the task's last change, not the
	 * time of writing: in an iCalendar object without {@code METHOD}, RFC 5545 (3.8.7.2)
	 * makes it the time the information was last revised in the calendar store, and so
	 * the same version of a task is always the same text.
	 */
	static VToDo of(TaskView task, CalendarZone zone) {
		return of(task, zone, TaskUids::of);
	}

	/**
	 * The task's {@code VTODO}, its own {@code UID} and its parent's as {@code uids}
	 * gives them (the ones CalDAV clients chose, where they did).
	 */
	static VToDo of(TaskView task, CalendarZone zone, LongFunction<String> uids) {
		VToDo todo = new VToDo(false);
		todo.add(new Uid(uids.apply(task.id())));
		todo.add(new DtStamp(seconds(task.updatedAt())));
		todo.add(new Created(seconds(task.createdAt())));
		todo.add(new LastModified(seconds(task.updatedAt())));
		todo.add(new Summary(text(task.title())));
		if (task.description() != null && !task.description().isEmpty()) {
			todo.add(new Description(text(task.description())));
		}
		if (task.dueDate() != null) {
			todo.add(new Due<>(task.dueDate()));
		}
		else if (task.dueAt() != null) {
			todo.add(new Due<>(zone.dateTime(task.dueAt())));
		}
		if (task.completed()) {
			todo.add(new Status(Status.VALUE_COMPLETED));
			if (task.completedAt() != null) {
				todo.add(new Completed(seconds(task.completedAt())));
			}
		}
		else {
			todo.add(new Status(Status.VALUE_NEEDS_ACTION));
		}
		int priority = priority(task.priority());
		if (priority != 0) {
			todo.add(new Priority(priority));
		}
		if (!task.labels().isEmpty()) {
			todo.add(new Categories(new TextList(task.labels().stream().map(VTodos::text).toList())));
		}
		if (task.parentId() != null) {
			todo.add(new RelatedTo(new ParameterList(List.of(RelType.PARENT)), uids.apply(task.parentId())));
		}
		todo.add(new XProperty(SORT_ORDER, Long.toString(task.sortOrder())));
		if (task.recurrenceRule() != null && (task.dueDate() != null || task.dueAt() != null)) {
			todo.add(new RRule<>(rule(task, zone)));
		}
		for (TaskView.Reminder reminder : task.reminders()) {
			todo.add(alarm(task, reminder));
		}
		return todo;
	}

	/**
	 * iCalendar's priority of the service's, as Tasks.org and Todoist pair them: urgent
	 * (Todoist's p1, red) 1, high (p2) 5, medium (p3) 9, normal (p4, none) 0, which the
	 * writer leaves out. Read back, 1-4 will be urgent, 5 high, 6-9 medium, 0 or none
	 * normal.
	 */
	static int priority(int priority) {
		return switch (priority) {
			case 4 -> 1;
			case 3 -> 5;
			case 2 -> 9;
			default -> 0;
		};
	}

	/**
	 * The stored rule, its {@code UNTIL} made the kind of value its {@code DUE} is, as
	 * RFC 5545 requires: the service reads a date {@code UNTIL} of a timed task as the
	 * end of that day in the owner's zone, and a date-time one of an all-day task as the
	 * day it falls on there.
	 */
	static String rule(TaskView task, CalendarZone zone) {
		String rule = task.recurrenceRule();
		Matcher until = UNTIL.matcher(rule);
		if (!until.find()) {
			return rule;
		}
		boolean untilIsDate = until.group(2) == null;
		String value;
		if (task.dueAt() != null && untilIsDate) {
			Instant endOfDay = LocalDate.parse(until.group(1), BASIC_DATE)
				.plusDays(1)
				.atStartOfDay(zone.owner())
				.toInstant()
				.minusSeconds(1);
			value = UTC_DATE_TIME.format(endOfDay);
		}
		else if (task.dueDate() != null && !untilIsDate) {
			Instant instant = Instant.from(UTC_DATE_TIME.parse(until.group(1) + until.group(2)));
			value = BASIC_DATE.format(instant.atZone(zone.owner()).toLocalDate());
		}
		else {
			return rule;
		}
		return rule.substring(0, until.start()) + "UNTIL=" + value + rule.substring(until.end());
	}

	private static VAlarm alarm(TaskView task, TaskView.Reminder reminder) {
		Duration before = reminder.before();
		VAlarm alarm = new VAlarm();
		if (before != null) {
			alarm.add(new Trigger(new ParameterList(List.of(Related.END)), before.negated()));
		}
		else {
			alarm.add(new Trigger(seconds(reminder.at())));
		}
		alarm.add(new Action(Action.VALUE_DISPLAY));
		alarm.add(new Description(text(task.title())));
		return alarm;
	}

	/**
	 * A text as RFC 5545's TEXT may hold it: a line break is written escaped (ical4j does
	 * so for LF and CRLF, so a lone CR becomes LF), and the other control characters,
	 * which descriptions may hold but TEXT may not (and XML 1.0, which CalDAV carries
	 * bodies in, neither), become U+FFFD, as do U+FFFE and U+FFFF, which XML 1.0 does not
	 * allow either. A lone CR written raw would end the content line in the middle.
	 */
	static String text(String value) {
		StringBuilder text = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean control = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F || c == 0xFFFE || c == 0xFFFF;
			if (control && text == null) {
				text = new StringBuilder(value.length()).append(value, 0, i);
			}
			if (text != null) {
				if (c == '\r') {
					boolean crlf = i + 1 < value.length() && value.charAt(i + 1) == '\n';
					if (!crlf) {
						text.append('\n');
					}
				}
				else {
					text.append(control ? '\uFFFD' : c);
				}
			}
		}
		return (text != null) ? text.toString() : value;
	}

	private static Instant seconds(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS);
	}

}
