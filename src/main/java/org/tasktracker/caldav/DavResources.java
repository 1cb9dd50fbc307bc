package org.tasktracker.caldav;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What CalDAV clients chose for the tasks they wrote ({@code caldav_resources}): each
 * task's resource name and UID, the properties the service does not model, and a parent
 * named before it arrived. A row outlives its task, so that a deletion is reported under
 * the name its client knows. Every statement is scoped to the owner.
 */
@Repository
class DavResources {

	private static final String COLUMNS = "task_id, name, uid, extra, parent_uid";

	private static final RowMapper<Resource> ROW = (row, number) -> new Resource(row.getLong("task_id"),
			row.getString("name"), row.getString("uid"), row.getString("extra"), row.getString("parent_uid"));

	private final JdbcClient jdbc;

	DavResources(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Whether the service has handed this task id out yet, to a task of any owner: ids
	 * come from one sequence, in order.
	 */
	boolean taskIdGiven(long taskId) {
		return this.jdbc.sql("SELECT CAST(:id AS bigint) <= (SELECT last_value FROM tasks_id_seq)")
			.param("id", taskId)
			.query(Boolean.class)
			.single();
	}

	Optional<Resource> byUid(long ownerId, String uid) {
		return rows(ownerId, "uid = :value", uid).stream().findFirst();
	}

	/** The owner's rows of these tasks, in one statement. */
	List<Resource> byTasks(long ownerId, Collection<Long> taskIds) {
		return rows(ownerId, "task_id IN (:value)", taskIds);
	}

	/** The owner's rows of these names, in one statement. */
	List<Resource> byNames(long ownerId, Collection<String> names) {
		return rows(ownerId, "name IN (:value)", names);
	}

	/** The rows of tasks whose parent is the task of that UID, not yet linked. */
	List<Resource> waitingFor(long ownerId, String parentUid) {
		return rows(ownerId, "parent_uid = :value", parentUid);
	}

	/** The owner's rows that match {@code condition} on {@code :value}. */
	private List<Resource> rows(long ownerId, String condition, Object value) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM caldav_resources WHERE owner_id = :owner AND " + condition)
			.param("owner", ownerId)
			.param("value", value)
			.query(ROW)
			.list();
	}

	/**
	 * Writes the task's row, replacing the one it had and any row of a task gone that
	 * held the same name or UID.
	 * @throws org.springframework.dao.DuplicateKeyException if a live task's row holds
	 * the name or the UID (a concurrent write)
	 */
	void save(long ownerId, Resource resource, List<Long> goneTasks) {
		if (!goneTasks.isEmpty()) {
			this.jdbc.sql("DELETE FROM caldav_resources WHERE owner_id = :owner AND task_id IN (:gone)")
				.param("owner", ownerId)
				.param("gone", goneTasks)
				.update();
		}
		this.jdbc.sql("""
				INSERT INTO caldav_resources (owner_id, task_id, name, uid, extra, parent_uid)
				VALUES (:owner, :task, :name, :uid, :extra, :parentUid)
				ON CONFLICT (owner_id, task_id) DO UPDATE
				SET name = EXCLUDED.name, uid = EXCLUDED.uid, extra = EXCLUDED.extra, parent_uid = EXCLUDED.parent_uid
				""")
			.param("owner", ownerId)
			.param("task", resource.taskId())
			.param("name", resource.name())
			.param("uid", resource.uid())
			.param("extra", resource.extra())
			.param("parentUid", resource.parentUid())
			.update();
	}

	/** The collection names clients gave the projects they made, by project. */
	Map<Long, String> calendarNames(long ownerId) {
		Map<Long, String> names = new HashMap<>();
		this.jdbc.sql("SELECT project_id, name FROM caldav_calendars WHERE owner_id = :owner")
			.param("owner", ownerId)
			.query((row, number) -> Map.entry(row.getLong("project_id"), row.getString("name")))
			.list()
			.forEach((entry) -> names.put(entry.getKey(), entry.getValue()));
		return names;
	}

	/**
	 * Keeps the collection name a client made a project's calendar under.
	 * @throws org.springframework.dao.DuplicateKeyException if another calendar has it
	 */
	void nameCalendar(long ownerId, long projectId, String name) {
		this.jdbc.sql("INSERT INTO caldav_calendars (owner_id, project_id, name) VALUES (:owner, :project, :name)")
			.param("owner", ownerId)
			.param("project", projectId)
			.param("name", name)
			.update();
	}

	/** The task's parent has arrived and been linked. */
	void linked(long ownerId, long taskId) {
		this.jdbc.sql("UPDATE caldav_resources SET parent_uid = NULL WHERE owner_id = :owner AND task_id = :task")
			.param("owner", ownerId)
			.param("task", taskId)
			.update();
	}

	/**
	 * A task's resource as its client wrote it.
	 *
	 * @param name its file name in the calendar
	 * @param uid its VTODO's UID
	 * @param extra content lines, unfolded, each ending in CRLF, to write back into the
	 * VTODO
	 * @param parentUid the UID of a parent that had not arrived, or null
	 */
	record Resource(long taskId, String name, String uid, String extra, @Nullable String parentUid) {
	}

	/**
	 * Deletes the rows of tasks that are gone and whose tombstones have been purged: no
	 * sync token still accepted can need their names. Across owners: a background job's,
	 * once per cluster.
	 * @return how many were deleted
	 */
	int purgeForgotten() {
		return this.jdbc.sql("""
				DELETE FROM caldav_resources r
				WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.owner_id = r.owner_id AND t.id = r.task_id)
				  AND NOT EXISTS (SELECT 1 FROM tombstones s
				                  WHERE s.owner_id = r.owner_id AND s.kind = 'task' AND s.id = r.task_id)
				""").update();
	}

}
