package org.tasktracker.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of recurring tasks: the state a completion is computed from, the move of the
 * due to the next occurrence (decided in the statement, so that two completions of one
 * occurrence advance it once), and the completion history.
 */
@Component
class CompletionRepository {

	private final JdbcClient jdbc;

	CompletionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What completing a task depends on.
	 *
	 * @param completed whether it is completed
	 * @param dueDate its all-day due, or null
	 * @param dueAt its due instant, or null
	 * @param rule its recurrence rule, or null
	 * @param from {@code due} or {@code completion}, or null
	 * @param index the current due's number in the series, or 0
	 * @param hasChildren whether it has subtasks
	 * @param zone its owner's time zone
	 * @param updatedAt its last change
	 * @param lastCompletedDueAt the due instant of its latest recorded completion, or
	 * null
	 */
	record State(boolean completed, @Nullable LocalDate dueDate, @Nullable Instant dueAt, @Nullable String rule,
			@Nullable String from, int index, boolean hasChildren, String zone, Instant updatedAt,
			@Nullable Instant lastCompletedDueAt) {
	}

	Optional<State> state(long ownerId, long id) {
		return this.jdbc.sql("""
				SELECT t.completed, t.due_date, t.due_at, t.recurrence_rule, t.recurrence_from, t.recurrence_index,
				       t.subtasks_total, t.updated_at, u.timezone,
				       (SELECT c.due_at FROM task_completions c
				        WHERE c.owner_id = t.owner_id AND c.task_id = t.id
				        ORDER BY c.id DESC LIMIT 1) AS last_completed_due_at
				FROM tasks t JOIN users u ON u.id = t.owner_id
				WHERE t.owner_id = :owner AND t.id = :id
				""").param("owner", ownerId).param("id", id).query((row, number) -> {
			OffsetDateTime dueAt = row.getObject("due_at", OffsetDateTime.class);
			OffsetDateTime lastCompletedDueAt = row.getObject("last_completed_due_at", OffsetDateTime.class);
			return new State(row.getBoolean("completed"), row.getObject("due_date", LocalDate.class),
					(dueAt != null) ? dueAt.toInstant() : null, row.getString("recurrence_rule"),
					row.getString("recurrence_from"), row.getInt("recurrence_index"), row.getInt("subtasks_total") > 0,
					row.getString("timezone"), row.getObject("updated_at", OffsetDateTime.class).toInstant(),
					(lastCompletedDueAt != null) ? lastCompletedDueAt.toInstant() : null);
		}).optional();
	}

	/**
	 * Moves a recurring task's due from the one it had to the next, and records the
	 * completion of the one it had, provided the task still is as it was read: a
	 * completion that lost a race with another of the same occurrence changes nothing.
	 * @return the task, or empty when it changed since it was read
	 */
	Optional<Task> advance(long ownerId, long id, State was, Due next, int nextIndex) {
		Optional<Task> moved = this.jdbc
			.sql("""
					UPDATE tasks
					SET due_date = CAST(:nextDate AS date), due_at = CAST(:nextAt AS timestamptz),
					    due_sort = %s,
					    recurrence_index = :nextIndex, %s
					WHERE owner_id = :owner AND id = :id AND NOT completed AND recurrence_index = :index
					  AND due_date IS NOT DISTINCT FROM CAST(:date AS date)
					  AND due_at IS NOT DISTINCT FROM CAST(:at AS timestamptz)
					RETURNING %s
					""".formatted(
					TaskRepository.dueSort("CAST(:nextDate AS date)", "CAST(:nextAt AS timestamptz)", ":owner"),
					RowChange.ALWAYS, TaskRepository.COLUMNS))
			.param("owner", ownerId)
			.param("id", id)
			.param("nextDate", next.date())
			.param("nextAt", next.datetime())
			.param("nextIndex", nextIndex)
			.param("index", was.index())
			.param("date", was.dueDate())
			.param("at", utc(was.dueAt()))
			.query(new TaskRepository.TaskRows())
			.optional();
		moved.ifPresent((task) -> record(ownerId, id, was));
		return moved;
	}

	/**
	 * Completes a task for good, provided it is still open and as it was read, and
	 * records the completion when it recurs (its series is over).
	 * @return the task, or empty when it changed since it was read
	 */
	Optional<Task> completeFinally(long ownerId, long id, State was) {
		Optional<Task> completed = this.jdbc.sql("""
				UPDATE tasks
				SET completed = true, completed_at = COALESCE(completed_at, now()),
				""" + RowChange.ALWAYS + """

				WHERE owner_id = :owner AND id = :id AND NOT completed
				  AND recurrence_index IS NOT DISTINCT FROM CAST(:index AS integer)
				  AND due_date IS NOT DISTINCT FROM CAST(:date AS date)
				  AND due_at IS NOT DISTINCT FROM CAST(:at AS timestamptz)
				RETURNING
				""" + TaskRepository.COLUMNS)
			.param("owner", ownerId)
			.param("id", id)
			.param("index", (was.rule() != null) ? was.index() : null)
			.param("date", was.dueDate())
			.param("at", utc(was.dueAt()))
			.query(new TaskRepository.TaskRows())
			.optional();
		if (completed.isPresent() && was.rule() != null) {
			record(ownerId, id, was);
		}
		return completed;
	}

	private void record(long ownerId, long id, State was) {
		this.jdbc.sql("""
				INSERT INTO task_completions (owner_id, task_id, due_date, due_at, series_index)
				VALUES (:owner, :id, CAST(:date AS date), CAST(:at AS timestamptz), :index)
				""")
			.param("owner", ownerId)
			.param("id", id)
			.param("date", was.dueDate())
			.param("at", utc(was.dueAt()))
			.param("index", was.index())
			.update();
	}

	/**
	 * One completion of a recurring task.
	 *
	 * @param id its id
	 * @param dueDate the all-day due it completed, or null
	 * @param dueAt the due instant it completed, or null
	 * @param index that due's number in the series
	 * @param completedAt when
	 */
	record Completion(long id, @Nullable LocalDate dueDate, @Nullable Instant dueAt, int index, Instant completedAt) {

		Due due() {
			return (this.dueDate != null) ? Due.onDate(this.dueDate) : Due.at(this.dueAt);
		}

	}

	/** The task's last completion, if it was the task's last change. */
	Optional<Completion> lastIfLatestChange(long ownerId, long id, Instant updatedAt) {
		return last(ownerId, id).filter((completion) -> completion.completedAt().equals(updatedAt));
	}

	/** The task's last completion. */
	Optional<Completion> last(long ownerId, long id) {
		return this.jdbc.sql("""
				SELECT id, due_date, due_at, series_index, completed_at FROM task_completions
				WHERE owner_id = :owner AND task_id = :id
				ORDER BY id DESC LIMIT 1
				""").param("owner", ownerId).param("id", id).query(CompletionRepository::completion).optional();
	}

	/**
	 * Undoes a completion that moved the due: the due moves back, the completion goes.
	 * @return the task, or empty when it changed since it was read
	 */
	Optional<Task> undoAdvance(long ownerId, long id, Instant updatedAt, Completion completion) {
		Optional<Task> undone = this.jdbc
			.sql("""
					UPDATE tasks
					SET due_date = CAST(:date AS date), due_at = CAST(:at AS timestamptz),
					    due_sort = %s,
					    recurrence_index = :index, completed = false, completed_at = NULL, %s
					WHERE owner_id = :owner AND id = :id AND updated_at = :updatedAt AND recurrence_rule IS NOT NULL
					RETURNING %s
					""".formatted(TaskRepository.dueSort("CAST(:date AS date)", "CAST(:at AS timestamptz)", ":owner"),
					RowChange.ALWAYS, TaskRepository.COLUMNS))
			.param("owner", ownerId)
			.param("id", id)
			.param("date", completion.dueDate())
			.param("at", utc(completion.dueAt()))
			.param("index", completion.index())
			.param("updatedAt", utc(updatedAt))
			.query(new TaskRepository.TaskRows())
			.optional();
		undone.ifPresent(
				(task) -> this.jdbc.sql("DELETE FROM task_completions WHERE owner_id = :owner AND id = :completion")
					.param("owner", ownerId)
					.param("completion", completion.id())
					.update());
		return undone;
	}

	/**
	 * A page of a task's completions, newest first.
	 * @param before the id of the last completion of the previous page, or null
	 * @param limit how many; one more is read to learn whether another page follows
	 */
	List<Completion> page(long ownerId, long taskId, @Nullable Long before, int limit) {
		return this.jdbc.sql("""
				SELECT id, due_date, due_at, series_index, completed_at FROM task_completions
				WHERE owner_id = :owner AND task_id = :task AND (CAST(:before AS bigint) IS NULL OR id < :before)
				ORDER BY id DESC LIMIT :limit
				""")
			.param("owner", ownerId)
			.param("task", taskId)
			.param("before", before)
			.param("limit", limit + 1)
			.query(CompletionRepository::completion)
			.list();
	}

	/**
	 * Every completion of the owner's tasks, by task and then oldest first: for the
	 * export.
	 */
	Map<Long, List<Completion>> allOf(long ownerId) {
		Map<Long, List<Completion>> byTask = new java.util.HashMap<>();
		this.jdbc.sql("""
				SELECT task_id, id, due_date, due_at, series_index, completed_at FROM task_completions
				WHERE owner_id = :owner ORDER BY task_id, id
				""").param("owner", ownerId).query((row) -> {
			byTask.computeIfAbsent(row.getLong("task_id"), (task) -> new java.util.ArrayList<>())
				.add(completion(row, 0));
		});
		return byTask;
	}

	/**
	 * Writes imported completions of one task, oldest first, numbered in its series from
	 * 1.
	 */
	void insertImported(long ownerId, long taskId, List<Completion> completions) {
		for (int i = 0; i < completions.size(); i++) {
			Completion completion = completions.get(i);
			this.jdbc.sql("""
					INSERT INTO task_completions (owner_id, task_id, due_date, due_at, series_index, completed_at)
					VALUES (:owner, :task, :dueDate, :dueAt, :index, :completedAt)
					""")
				.param("owner", ownerId)
				.param("task", taskId)
				.param("dueDate", completion.dueDate())
				.param("dueAt", utc(completion.dueAt()))
				.param("index", i + 1)
				.param("completedAt", utc(completion.completedAt()))
				.update();
		}
	}

	private static Completion completion(java.sql.ResultSet row, int number) throws java.sql.SQLException {
		OffsetDateTime dueAt = row.getObject("due_at", OffsetDateTime.class);
		return new Completion(row.getLong("id"), row.getObject("due_date", LocalDate.class),
				(dueAt != null) ? dueAt.toInstant() : null, row.getInt("series_index"),
				row.getObject("completed_at", OffsetDateTime.class).toInstant());
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
