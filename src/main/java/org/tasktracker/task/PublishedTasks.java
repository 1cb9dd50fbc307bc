package org.tasktracker.task;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.tasktracker.task.published.CalendarView;
import org.tasktracker.task.published.OwnedTasks;
import org.tasktracker.task.published.TaskView;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@link OwnedTasks}: the owner's tasks read as {@code GET /export} reads them, handed
 * out as {@link TaskView}s.
 */
@Service
class PublishedTasks implements OwnedTasks {

	private final TaskRepository tasks;

	private final CalendarReadRepository calendars;

	private final TransactionOperations transactions;

	PublishedTasks(TaskRepository tasks, CalendarReadRepository calendars, TransactionOperations transactions) {
		this.tasks = tasks;
		this.calendars = calendars;
		this.transactions = transactions;
	}

	@Override
	public void forEach(long ownerId, Consumer<TaskView> each) {
		// In a transaction, so that the driver reads the rows through a cursor, one
		// fetch at a time, rather than all at once.
		this.transactions
			.executeWithoutResult((status) -> this.tasks.eachOf(ownerId, (task) -> each.accept(view(task))));
	}

	@Override
	public void forEachIn(long ownerId, @Nullable Long projectId, Consumer<TaskView> each) {
		// In a transaction for the cursor, as forEach.
		this.transactions.executeWithoutResult(
				(status) -> this.calendars.eachIn(ownerId, projectId, (task) -> each.accept(view(task))));
	}

	@Override
	public List<TaskView> byIds(long ownerId, Collection<Long> ids) {
		return this.calendars.byIds(ownerId, ids).stream().map(PublishedTasks::view).toList();
	}

	@Override
	public List<CalendarView> openProjects(long ownerId) {
		return this.calendars.openProjects(ownerId);
	}

	@Override
	public String contentTag(long ownerId, @Nullable Long projectId) {
		return this.calendars.contentTag(ownerId, projectId);
	}

	static TaskView view(Task task) {
		Due due = task.due();
		Recurrence recurrence = task.recurrence();
		return new TaskView(task.id(), task.title(), task.description(), task.completed(), task.createdAt(),
				task.updatedAt(), task.completedAt(), task.projectId(), task.labels(), task.priority(),
				(due != null && due.date() != null) ? LocalDate.parse(due.date()) : null,
				(due != null && due.datetime() != null) ? Instant.parse(due.datetime()) : null,
				(recurrence != null) ? recurrence.rule() : null, recurrence != null && recurrence.fromCompletion(),
				task.parentId(), task.position(), PositionKeys.sortOrder(task.position()),
				task.reminders()
					.stream()
					.map((reminder) -> new TaskView.Reminder(
							(reminder.before() != null) ? Duration.parse(reminder.before()) : null,
							(reminder.at() != null) ? Instant.parse(reminder.at()) : null))
					.toList(),
				task.version());
	}

}
