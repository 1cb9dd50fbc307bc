package org.tasktracker.task;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of task trees and manual order: where a task stands among its ancestors and
 * descendants, what moving or completing it does to its subtree, and the position keys of
 * siblings. Every statement is scoped to the owner; each runs in its caller's
 * transaction.
 */
@Component
class TaskTreeRepository {

	/**
	 * The ids of task {@code :id}'s descendants, as {@code below}, for the statements
	 * that change a subtree.
	 */
	private static final String DESCENDANTS = """
			WITH RECURSIVE below AS (
			    SELECT id FROM tasks WHERE owner_id = :owner AND parent_id = :id
			    UNION ALL
			    SELECT t.id FROM tasks t JOIN below b ON t.owner_id = :owner AND t.parent_id = b.id
			)
			""";

	private final JdbcClient jdbc;

	TaskTreeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A task's place in its tree, its row locked for the rest of the transaction so that
	 * two moves of one tree are decided one after the other.
	 *
	 * @param id the task
	 * @param projectId its project, or null for the Inbox
	 * @param parentId its parent, or null
	 * @param depth how many ancestors it has (0 for a root task)
	 */
	record Node(long id, @Nullable Long projectId, @Nullable Long parentId, int depth) {
	}

	Optional<Node> lockNode(long ownerId, long id) {
		return this.jdbc.sql("""
				WITH RECURSIVE ancestors AS (
				    SELECT parent_id FROM tasks WHERE owner_id = :owner AND id = :id
				    UNION ALL
				    SELECT t.parent_id FROM tasks t JOIN ancestors a ON t.owner_id = :owner AND t.id = a.parent_id
				)
				SELECT id, project_id, parent_id,
				       (SELECT count(*) FROM ancestors WHERE parent_id IS NOT NULL) AS depth
				FROM tasks WHERE owner_id = :owner AND id = :id
				FOR UPDATE
				""").param("owner", ownerId).param("id", id).query((row, number) -> {
			long project = row.getLong("project_id");
			Long projectId = row.wasNull() ? null : project;
			long parent = row.getLong("parent_id");
			Long parentId = row.wasNull() ? null : parent;
			return new Node(row.getLong("id"), projectId, parentId, row.getInt("depth"));
		}).optional();
	}

	/** How many levels of subtasks lie below a task (0 when it has none). */
	int height(long ownerId, long id) {
		return this.jdbc.sql("""
				WITH RECURSIVE below AS (
				    SELECT id, 0 AS level FROM tasks WHERE owner_id = :owner AND id = :id
				    UNION ALL
				    SELECT t.id, b.level + 1 FROM tasks t JOIN below b ON t.owner_id = :owner AND t.parent_id = b.id
				    WHERE b.level < 10
				)
				SELECT max(level) FROM below
				""").param("owner", ownerId).param("id", id).query(Integer.class).optional().orElse(0);
	}

	/** Whether {@code candidate} is {@code ancestor} itself or lies in its subtree. */
	boolean inSubtree(long ownerId, long ancestor, long candidate) {
		return this.jdbc
			.sql("""
					WITH RECURSIVE up AS (
					    SELECT id, parent_id, 0 AS level FROM tasks WHERE owner_id = :owner AND id = :candidate
					    UNION ALL
					    SELECT t.id, t.parent_id, u.level + 1 FROM tasks t JOIN up u ON t.owner_id = :owner AND t.id = u.parent_id
					    WHERE u.level < 10
					)
					SELECT EXISTS (SELECT FROM up WHERE id = :ancestor)
					""")
			.param("owner", ownerId)
			.param("ancestor", ancestor)
			.param("candidate", candidate)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Puts a task under a parent (or makes it a root task) in a project, with a position,
	 * and moves its descendants into that project.
	 */
	void place(long ownerId, long id, @Nullable Long projectId, @Nullable Long parentId, @Nullable String position) {
		this.jdbc.sql("""
				UPDATE tasks
				SET project_id = CAST(:project AS bigint), parent_id = CAST(:parent AS bigint),
				    position = CAST(:position AS text),
				""" + RowChange.when("""
				project_id IS DISTINCT FROM CAST(:project AS bigint)
				OR parent_id IS DISTINCT FROM CAST(:parent AS bigint)
				OR position IS DISTINCT FROM CAST(:position AS text)""") + """

				WHERE owner_id = :owner AND id = :id
				""")
			.param("owner", ownerId)
			.param("id", id)
			.param("project", projectId)
			.param("parent", parentId)
			.param("position", position)
			.update();
		this.jdbc.sql(DESCENDANTS + """
				UPDATE tasks SET project_id = CAST(:project AS bigint), %s
				WHERE owner_id = :owner AND id IN (SELECT id FROM below)
				  AND project_id IS DISTINCT FROM CAST(:project AS bigint)
				""".formatted(RowChange.ALWAYS))
			.param("owner", ownerId)
			.param("id", id)
			.param("project", projectId)
			.update();
	}

	/** Completes a task's open descendants. */
	void completeDescendants(long ownerId, long id) {
		this.jdbc.sql(DESCENDANTS + """
				UPDATE tasks SET completed = true, completed_at = COALESCE(completed_at, now()), %s
				WHERE owner_id = :owner AND id IN (SELECT id FROM below) AND NOT completed
				""".formatted(RowChange.ALWAYS)).param("owner", ownerId).param("id", id).update();
	}

	/** Reopens a task's completed descendants: a recurring checklist starts over. */
	void reopenDescendants(long ownerId, long id) {
		this.jdbc.sql(DESCENDANTS + """
				UPDATE tasks SET completed = false, completed_at = NULL, %s
				WHERE owner_id = :owner AND id IN (SELECT id FROM below) AND completed
				""".formatted(RowChange.ALWAYS)).param("owner", ownerId).param("id", id).update();
	}

	/**
	 * A sibling's position, where a sibling is a task of the owner in that project under
	 * that parent.
	 */
	Optional<String> siblingPosition(long ownerId, long id, @Nullable Long projectId, @Nullable Long parentId) {
		return this.jdbc
			.sql("SELECT " + TaskRepository.POSITION + " FROM tasks WHERE owner_id = :owner AND id = :id AND "
					+ TaskRepository.SAME_LIST)
			.param("owner", ownerId)
			.param("id", id)
			.param("project", listKey(projectId))
			.param("parent", listKey(parentId))
			.query(String.class)
			.optional();
	}

	/**
	 * The position of the first sibling after {@code position} (or the first of all when
	 * null), leaving out the task being moved; empty when there is none. The first moved
	 * sibling and the first never moved, each read in its own order (as
	 * {@code TaskRepository} pages in manual order), and the earlier of the two.
	 */
	Optional<String> nextPosition(long ownerId, @Nullable Long projectId, @Nullable Long parentId,
			@Nullable String position, long moving) {
		String movedAfter = (position != null) ? " AND position COLLATE \"C\" > CAST(:position AS text)" : "";
		String unmovedAfter = (position != null)
				? " AND " + TaskRepository.POSITION + " > CAST(:position AS text) AND id >= :bound" : "";
		return this.jdbc
			.sql("""
					SELECT next FROM (
					    (SELECT %1$s AS next, id FROM tasks
					     WHERE owner_id = :owner AND %2$s AND position IS NOT NULL AND id <> :moving%3$s
					     ORDER BY position COLLATE "C", id LIMIT 1)
					    UNION ALL
					    (SELECT %1$s, id FROM tasks
					     WHERE owner_id = :owner AND %4$s AND position IS NULL AND id <> :moving%5$s
					     ORDER BY %6$s LIMIT 1)
					) AS first ORDER BY next, id LIMIT 1
					""".formatted(TaskRepository.POSITION, TaskRepository.SAME_LIST, movedAfter,
					plainList(projectId, parentId), unmovedAfter, (parentId != null) ? "id" : "project_id, id"))
			.param("owner", ownerId)
			.param("project", listKey(projectId))
			.param("parent", listKey(parentId))
			.param("position", position)
			.param("bound", (position != null) ? PositionKeys.firstIdFrom(position) : 0L)
			.param("moving", moving)
			.query(String.class)
			.optional();
	}

	/**
	 * Gives every sibling but the moving task a fresh key, in their current order, each
	 * drawn from the task id sequence: so they keep their order and sort before every
	 * task created later. For a list whose keys have grown as long as they may.
	 */
	void renumber(long ownerId, @Nullable Long projectId, @Nullable Long parentId, long moving) {
		List<Long> ordered = this.jdbc
			.sql("SELECT id FROM tasks WHERE owner_id = :owner AND " + plainList(projectId, parentId)
					+ " AND id <> :moving ORDER BY " + TaskRepository.POSITION + ", id")
			.param("owner", ownerId)
			.param("project", listKey(projectId))
			.param("parent", listKey(parentId))
			.param("moving", moving)
			.query(Long.class)
			.list();
		// Keys of one length, so their text order is their numeric order.
		List<String> keys = this.jdbc
			.sql("SELECT lpad(to_hex(nextval('tasks_id_seq')), 16, '0') || '1' FROM generate_series(1, :count)")
			.param("count", ordered.size())
			.query(String.class)
			.list()
			.stream()
			.sorted()
			.toList();
		this.jdbc.sql("""
				UPDATE tasks SET position = renumbered.position, %s
				FROM unnest(CAST(:ids AS bigint[]), CAST(:keys AS text[])) AS renumbered(id, position)
				WHERE tasks.owner_id = :owner AND tasks.id = renumbered.id
				  AND tasks.position IS DISTINCT FROM renumbered.position
				""".formatted(RowChange.VERSION))
			.param("owner", ownerId)
			.param("ids", new org.springframework.jdbc.support.SqlArrayValue("bigint", ordered.toArray()))
			.param("keys", new org.springframework.jdbc.support.SqlArrayValue("text", keys.toArray()))
			.update();
	}

	/** A key after every task's there is now: the next id's. */
	String lastPosition() {
		return this.jdbc.sql("SELECT lpad(to_hex(nextval('tasks_id_seq')), 16, '0') || '1'")
			.query(String.class)
			.single();
	}

	/**
	 * The siblings of one list in the plain columns' terms, which the indexes by project
	 * and by parent read in id order. Takes {@code :project} and {@code :parent}.
	 */
	private static String plainList(@Nullable Long projectId, @Nullable Long parentId) {
		return ((projectId != null) ? "project_id = :project" : "project_id IS NULL") + " AND "
				+ ((parentId != null) ? "parent_id = :parent" : "parent_id IS NULL");
	}

	/** A project or parent as the index of moved tasks keys it: 0 for none. */
	private static long listKey(@Nullable Long id) {
		return (id != null) ? id : 0;
	}

	/**
	 * A task and its descendants as they are, parents before their children, each sibling
	 * group in manual order: what undoing the task's deletion must bring back.
	 */
	List<Task> subtree(long ownerId, long id) {
		return this.jdbc.sql("""
				WITH RECURSIVE tree AS (
				    SELECT id, 0 AS depth FROM tasks WHERE owner_id = :owner AND id = :id
				    UNION ALL
				    SELECT t.id, tree.depth + 1 FROM tasks t JOIN tree ON t.owner_id = :owner AND t.parent_id = tree.id
				    WHERE tree.depth < 10
				)
				SELECT %s FROM tasks JOIN tree USING (id)
				WHERE owner_id = :owner
				ORDER BY tree.depth, %s, id
				""".formatted(TaskRepository.COLUMNS, TaskRepository.POSITION))
			.param("owner", ownerId)
			.param("id", id)
			.query(new TaskRepository.TaskRows())
			.list();
	}

}
