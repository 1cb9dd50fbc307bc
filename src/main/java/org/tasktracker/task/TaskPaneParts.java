package org.tasktracker.task;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.tasktracker.account.Account;
import org.tasktracker.account.UserZones;

import org.springframework.stereotype.Component;

/**
 * What a task's detail pane shows beside its form: the tasks above it, its subtasks in
 * manual order, its reminders, its recurrence and its last completions, each in words in
 * the owner's zone. Read by the pane's template itself
 * ({@code ${@taskPaneParts.of(caller, detail.task, detail.back)}}), so that every page
 * that draws the pane has them, and by {@link TaskDetailPages} for the parts it redraws.
 */
@Component
class TaskPaneParts {

	/** Subtasks shown in the pane; a list longer than that is for the API. */
	static final int SUBTASKS_SHOWN = 200;

	static final int COMPLETIONS_SHOWN = 10;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private static final DateTimeFormatter DAY_IN_YEAR = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private final TaskService tasks;

	private final UserZones zones;

	TaskPaneParts(TaskService tasks, UserZones zones) {
		this.tasks = tasks;
		this.zones = zones;
	}

	/**
	 * The parts of the pane of one of the caller's tasks: one read for the subtasks, one
	 * per task above it (at most four), one for the completions of a recurring task.
	 */
	public Parts of(Account caller, Task task, String back) {
		ZoneId zone = this.zones.zoneOf(caller.id());
		LocalDate today = LocalDate.now(zone);
		List<Link> above = new ArrayList<>();
		Long parent = task.parentId();
		while (parent != null && above.size() < TaskLifecycle.MAX_DEPTH) {
			Task up = this.tasks.findById(caller.id(), parent).orElse(null);
			if (up == null) {
				break;
			}
			above.add(new Link(up.id(), up.title()));
			parent = up.parentId();
		}
		Collections.reverse(above);
		List<Subtask> subtasks = ListedTasks
			.of(this.tasks, caller.id(), "parent_id=" + task.id() + "&sort=position&limit=" + SUBTASKS_SHOWN)
			.stream()
			.map((child) -> new Subtask(child.id(), child.title(), child.completed(),
					child.subtasks().total() - child.subtasks().open(), child.subtasks().total()))
			.toList();
		List<ShownReminder> reminders = task.reminders()
			.stream()
			.map((reminder) -> new ShownReminder(reminder.stored(), reminderWords(reminder, zone, today)))
			.toList();
		List<String> completions = List.of();
		if (task.recurrence() != null) {
			completions = this.tasks.completions(caller.id(), task.id(), null, COMPLETIONS_SHOWN)
				.orElse(List.of())
				.stream()
				.limit(COMPLETIONS_SHOWN)
				.map((done) -> "due " + dueWords(done.due(), zone, today) + " \u00b7 done "
						+ instantWords(done.completedAt(), zone, today))
				.toList();
		}
		Recurrence recurrence = task.recurrence();
		return new Parts(task.id(), back, above, subtasks, task.subtasks().total() - task.subtasks().open(),
				task.subtasks().total(), above.size() < TaskLifecycle.MAX_DEPTH, reminders, task.due() != null,
				(recurrence != null) ? recurrence.inWords() : null, recurrence != null && recurrence.fromCompletion(),
				completions);
	}

	/** "Tue 8 Dec" for a date, "Tue 8 Dec, 09:00" for an instant, in the owner's zone. */
	static String dueWords(Due due, ZoneId zone, LocalDate today) {
		if (due.date() != null) {
			return dayWords(LocalDate.parse(due.date()), today);
		}
		return instantWords(Instant.parse(Objects.requireNonNull(due.datetime())), zone, today);
	}

	static String instantWords(Instant instant, ZoneId zone, LocalDate today) {
		ZonedDateTime at = instant.atZone(zone);
		return dayWords(at.toLocalDate(), today) + ", " + TIME.format(at);
	}

	private static String dayWords(LocalDate day, LocalDate today) {
		return (day.getYear() == today.getYear()) ? DAY.format(day) : DAY_IN_YEAR.format(day);
	}

	/**
	 * "At the due time", "15 minutes before", "1 day 2 hours before", "Wed 9 Dec, 20:00".
	 */
	static String reminderWords(Reminder reminder, ZoneId zone, LocalDate today) {
		if (reminder.at() != null) {
			return instantWords(Instant.parse(reminder.at()), zone, today);
		}
		Duration before = TaskRequests.duration(Objects.requireNonNull(reminder.before()));
		if (before == null || before.isZero()) {
			return "At the due time";
		}
		List<String> parts = new ArrayList<>();
		unit(parts, before.toDays(), "day");
		unit(parts, before.toHoursPart(), "hour");
		unit(parts, before.toMinutesPart(), "minute");
		unit(parts, before.toSecondsPart(), "second");
		return String.join(" ", parts) + " before";
	}

	private static void unit(List<String> parts, long count, String unit) {
		if (count > 0) {
			parts.add(count + " " + unit + ((count == 1) ? "" : "s"));
		}
	}

	/**
	 * The pane's parts of one task.
	 *
	 * @param taskId the task
	 * @param back the view the pane was opened from
	 * @param above the tasks above it, its root first
	 * @param subtasks its direct subtasks in manual order
	 * @param subtasksDone how many of them are completed
	 * @param subtasksTotal how many there are
	 * @param canAddSubtask whether a subtask of it would be within the four levels
	 * @param reminders its reminders in words
	 * @param hasDue whether it has a due, which a reminder before the due needs
	 * @param repeats its recurrence in words, or null
	 * @param fromCompletion whether the next due counts from the completion
	 * @param completions its last completions, newest first, "due Tue 8 Dec · done Wed 9
	 * Dec, 08:12"
	 */
	record Parts(long taskId, String back, List<Link> above, List<Subtask> subtasks, int subtasksDone,
			int subtasksTotal, boolean canAddSubtask, List<ShownReminder> reminders, boolean hasDue,
			@Nullable String repeats, boolean fromCompletion, List<String> completions) {

		public boolean remindersFull() {
			return this.reminders.size() >= TaskRequests.REMINDERS_MAX;
		}

	}

	/** A task above the pane's, linked to its own pane. */
	record Link(long id, String title) {
	}

	/**
	 * A subtask as the pane lists it, with its own subtasks done of all.
	 */
	record Subtask(long id, String title, boolean completed, int done, int total) {
	}

	/**
	 * A reminder in words, with its stored form, which its Remove button sends.
	 */
	record ShownReminder(String stored, String words) {
	}

}
