package org.tasktracker.task;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.tasktracker.database.DatabaseRetry;
import org.tasktracker.task.published.CalendarView;
import org.tasktracker.task.published.TaskFields;
import org.tasktracker.task.published.TaskView;
import org.tasktracker.task.published.TaskWrites;
import org.tasktracker.web.EntityTags;
import org.tasktracker.web.InvalidRequestException;
import org.tasktracker.web.PreconditionFailedException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@link TaskWrites}: a write of another way into the tasks is the API's request in
 * another syntax. Its fields become the JSON document {@code POST /tasks} or a
 * {@code PATCH} would carry, read by the same {@link TaskRequests} rules and run by the
 * same {@link TaskService}, so that nothing can be written here that the API would
 * refuse, and every write moves versions and leaves tombstones as the API's do.
 */
@Service
class PublishedTaskWrites implements TaskWrites {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final TaskService tasks;

	private final TaskRepository repository;

	private final ProjectRepository projects;

	private final DatabaseRetry retry;

	private final TransactionOperations transactions;

	private final CompletionRepository completions;

	PublishedTaskWrites(TaskService tasks, TaskRepository repository, ProjectRepository projects, DatabaseRetry retry,
			TransactionOperations transactions, CompletionRepository completions) {
		this.tasks = tasks;
		this.repository = repository;
		this.projects = projects;
		this.retry = retry;
		this.transactions = transactions;
		this.completions = completions;
	}

	@Override
	public TaskView create(long ownerId, TaskFields fields) {
		ObjectNode body = JSON.objectNode();
		body.put("title", fields.title());
		if (fields.description() != null) {
			body.put("description", fields.description());
		}
		// A subtask lives in its parent's project, whichever calendar it was put in.
		if (fields.projectId() != null && fields.parentId() == null) {
			body.put("project_id", fields.projectId());
		}
		if (!fields.labels().isEmpty()) {
			body.set("labels", labels(fields.labels()));
		}
		body.put("priority", fields.priority());
		if (fields.dueDate() != null || fields.dueAt() != null) {
			body.set("due", due(fields));
		}
		if (fields.recurrenceRule() != null) {
			body.set("recurrence", recurrence(fields.recurrenceRule(), Recurrence.FROM_DUE));
		}
		if (fields.parentId() != null) {
			body.put("parent_id", fields.parentId());
		}
		if (!fields.reminders().isEmpty()) {
			body.set("reminders", reminders(fields.reminders()));
		}
		Task created = refusedAsInvalid(
				() -> this.tasks.create(ownerId, TaskRequests.newTask(body, TaskRequests.RuleSubset.CALENDAR)));
		if (fields.completed()) {
			// A second transaction: the task exists open for a moment, as one created
			// and then completed through the API would.
			return this.tasks.complete(ownerId, created.id()).map(PublishedTasks::view).orElseThrow();
		}
		return PublishedTasks.view(created);
	}

	@Override
	public Optional<TaskView> replace(long ownerId, long taskId, TaskFields fields, @Nullable Long ifVersion) {
		Optional<Task> found = this.tasks.findById(ownerId, taskId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Task current = found.get();
		TaskView view = PublishedTasks.view(current);
		ObjectNode patch = changes(view, completedAlready(ownerId, current, view, fields), current.recurrence());
		EntityTags expected = (ifVersion != null) ? EntityTags.parse("If-Match", EntityTags.of(ifVersion))
				: new EntityTags(true, List.of());
		Optional<Task> replaced = refusedAsInvalid(() -> this.tasks.update(ownerId, taskId,
				TaskRequests.patch(patch, TaskRequests.RuleSubset.CALENDAR), expected));
		if (replaced.isPresent() && replaced.get().version() == current.version()) {
			// Nothing the service models changed, but what the caller keeps beside the
			// task did: a new version tells every client so.
			return this.retry
				.onceOnly(() -> this.transactions.execute((status) -> this.repository.touch(ownerId, taskId)
						? this.repository.findById(ownerId, taskId) : Optional.<Task>empty()))
				.map(PublishedTasks::view);
		}
		return replaced.map(PublishedTasks::view);
	}

	/**
	 * The fields, but for a replace that completes, again, the occurrence of a recurring
	 * task that was completed last: a client retrying a PUT whose answer it lost, or one
	 * that has not read the task since (both without {@code If-Match}), which would
	 * otherwise set the due back and complete that occurrence twice. The task keeps its
	 * due and stays open; the other fields are taken.
	 */
	private TaskFields completedAlready(long ownerId, Task current, TaskView now, TaskFields fields) {
		if (!fields.completed() || current.completed() || current.recurrence() == null) {
			return fields;
		}
		boolean movedOn = !Objects.equals(now.dueDate(), fields.dueDate())
				|| !Objects.equals(now.dueAt(), fields.dueAt());
		boolean again = movedOn && this.retry.idempotent(() -> this.completions.last(ownerId, current.id()))
			.filter((last) -> Objects.equals(last.dueDate(), fields.dueDate())
					&& Objects.equals(last.dueAt(), fields.dueAt()))
			.isPresent();
		if (!again) {
			return fields;
		}
		return new TaskFields(fields.title(), fields.description(), false, fields.projectId(), fields.labels(),
				fields.priority(), now.dueDate(), now.dueAt(), fields.recurrenceRule(), fields.parentId(),
				fields.reminders());
	}

	/** The merge patch that makes {@code current} hold {@code fields}. */
	private static ObjectNode changes(TaskView current, TaskFields fields, @Nullable Recurrence recurrence) {
		ObjectNode patch = JSON.objectNode();
		patch.put("title", fields.title());
		if (!Objects.equals(current.description(), fields.description())) {
			patch.put("description", fields.description());
		}
		// A subtask lives in its parent's project, whichever calendar it was put in: a
		// project_id beside it would make it a root task there (the API's rule for a
		// PATCH), and the next PUT would put it back under its parent.
		if (fields.parentId() == null && !Objects.equals(current.projectId(), fields.projectId())) {
			patch.put("project_id", fields.projectId());
		}
		if (!current.labels().equals(fields.labels())) {
			patch.set("labels", labels(fields.labels()));
		}
		if (current.priority() != fields.priority()) {
			patch.put("priority", fields.priority());
		}
		boolean dueChanged = !Objects.equals(current.dueDate(), fields.dueDate())
				|| !Objects.equals(current.dueAt(), fields.dueAt());
		if (dueChanged) {
			patch.set("due", (fields.dueDate() != null || fields.dueAt() != null) ? due(fields) : JSON.nullNode());
		}
		// A new due alone starts the series again from it, as a PATCH of the due does.
		if (!Objects.equals(current.recurrenceRule(), fields.recurrenceRule())) {
			String from = (recurrence != null) ? recurrence.from() : Recurrence.FROM_DUE;
			patch.set("recurrence",
					(fields.recurrenceRule() != null) ? recurrence(fields.recurrenceRule(), from) : JSON.nullNode());
		}
		if (!Objects.equals(current.parentId(), fields.parentId())) {
			patch.put("parent_id", fields.parentId());
		}
		if (!current.reminders().equals(fields.reminders())) {
			patch.set("reminders", reminders(fields.reminders()));
		}
		if (current.completed() != fields.completed()) {
			patch.put("completed", fields.completed());
		}
		return patch;
	}

	@Override
	public boolean link(long ownerId, long taskId, long parentId) {
		ObjectNode patch = JSON.objectNode();
		patch.put("parent_id", parentId);
		try {
			return this.tasks.update(ownerId, taskId, TaskRequests.patch(patch, TaskRequests.RuleSubset.CALENDAR))
				.isPresent();
		}
		catch (InvalidRequestException | DataIntegrityViolationException ex) {
			// The tree's rules, whether the service or a constraint keeps them.
			return false;
		}
	}

	@Override
	public Optional<TaskView> placeAfter(long ownerId, long taskId, @Nullable Long after) {
		ObjectNode move = JSON.objectNode();
		move.put("after", after);
		return refusedAsInvalid(() -> this.tasks.move(ownerId, taskId, TaskRequests.move(move)))
			.map(PublishedTasks::view);
	}

	@Override
	public boolean delete(long ownerId, long taskId, @Nullable Long ifVersion) {
		EntityTags expected = (ifVersion != null) ? EntityTags.parse("If-Match", EntityTags.of(ifVersion)) : null;
		try {
			return this.tasks.delete(ownerId, taskId, expected);
		}
		catch (PreconditionFailedException ex) {
			throw new WriteRefusedException(WriteRefusedException.Reason.STALE, "The task has changed");
		}
	}

	@Override
	public CalendarView createProject(long ownerId, String name, @Nullable String color) {
		ObjectNode body = JSON.objectNode();
		body.put("name", name);
		if (color != null) {
			body.put("color", color);
		}
		ProjectController.Fields fields = refusedAsInvalid(() -> ProjectController.fields(body, true));
		Project project = nameTaken(
				() -> this.retry.onceOnly(() -> this.projects.create(ownerId, fields.name(), fields.color())));
		return view(project);
	}

	@Override
	public Optional<CalendarView> changeProject(long ownerId, long projectId, @Nullable String name, boolean setColor,
			@Nullable String color) {
		ObjectNode body = JSON.objectNode();
		if (name != null) {
			body.put("name", name);
		}
		if (setColor) {
			body.put("color", color);
		}
		ProjectController.Fields fields = refusedAsInvalid(() -> ProjectController.fields(body, false));
		boolean changed = nameTaken(() -> this.retry.idempotent(() -> this.projects.update(ownerId, projectId,
				fields.name(), null, fields.setColor(), fields.color())));
		if (!changed) {
			return Optional.empty();
		}
		return this.retry.idempotent(() -> this.projects.find(ownerId, projectId)).map(PublishedTaskWrites::view);
	}

	@Override
	public boolean deleteProject(long ownerId, long projectId) {
		return Boolean.TRUE.equals(this.retry
			.onceOnly(() -> this.transactions.execute((status) -> this.projects.delete(ownerId, projectId, true))));
	}

	private static CalendarView view(Project project) {
		return new CalendarView(project.id(), project.name(), project.color(), project.version());
	}

	private static ArrayNode labels(List<String> labels) {
		ArrayNode array = JSON.arrayNode();
		labels.forEach(array::add);
		return array;
	}

	private static ObjectNode due(TaskFields fields) {
		ObjectNode due = JSON.objectNode();
		if (fields.dueDate() != null) {
			due.put("date", fields.dueDate().toString());
		}
		else {
			due.put("datetime", Objects.requireNonNull(fields.dueAt()).toString());
		}
		return due;
	}

	private static ObjectNode recurrence(String rule, String from) {
		ObjectNode recurrence = JSON.objectNode();
		recurrence.put("rule", rule);
		recurrence.put("from", from);
		return recurrence;
	}

	private static ArrayNode reminders(List<TaskView.Reminder> reminders) {
		ArrayNode array = JSON.arrayNode();
		for (TaskView.Reminder reminder : reminders) {
			ObjectNode node = array.addObject();
			if (reminder.before() != null) {
				node.put("before", reminder.before().toString());
			}
			else {
				node.put("at", Objects.requireNonNull(reminder.at()).toString());
			}
		}
		return array;
	}

	/** The API's refusals, as the caller's: the fields at fault, or a stale version. */
	private static <T> T refusedAsInvalid(java.util.function.Supplier<T> write) {
		try {
			return write.get();
		}
		catch (InvalidRequestException ex) {
			throw new WriteRefusedException(WriteRefusedException.Reason.INVALID,
					ex.getErrors()
						.stream()
						.map((error) -> error.field() + " " + error.message())
						.collect(Collectors.joining("; ")));
		}
		catch (PreconditionFailedException ex) {
			throw new WriteRefusedException(WriteRefusedException.Reason.STALE, "The task has changed");
		}
		catch (DataIntegrityViolationException ex) {
			// A rule the database keeps (a tree too deep, a parent gone meanwhile) that
			// the service did not map to a field.
			throw new WriteRefusedException(WriteRefusedException.Reason.INVALID, "The task breaks a rule of its tree");
		}
	}

	private static <T> T nameTaken(java.util.function.Supplier<T> write) {
		try {
			return write.get();
		}
		catch (DuplicateKeyException ex) {
			throw new WriteRefusedException(WriteRefusedException.Reason.NAME_TAKEN, "You have a project of that name");
		}
	}

}
