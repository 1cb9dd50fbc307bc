package org.tasktracker.task;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.tasktracker.task.published.CalendarView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * The reads that CalDAV's calendars make through {@link PublishedTasks}: a project's (or
 * the Inbox's) tasks, tasks by id, the open projects, and a digest of a calendar's
 * content. Each is scoped to the owner and is one statement.
 */
@Component
class CalendarReadRepository {

	private static final String IN_PROJECT = "project_id = :project";

	private static final String IN_INBOX = "project_id IS NULL";

	private final JdbcClient jdbc;

	/** Reads through a cursor, a few hundred rows a round trip (inside a transaction). */
	private final JdbcClient streamed;

	CalendarReadRepository(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.streamed = TaskRepository.plannedForEachCall(dataSource);
	}

	void eachIn(long ownerId, @Nullable Long projectId, Consumer<Task> each) {
		TaskRepository.TaskRows rows = new TaskRepository.TaskRows();
		this.streamed
			.sql("SELECT " + TaskRepository.COLUMNS + " FROM tasks WHERE owner_id = :owner AND "
					+ ((projectId != null) ? IN_PROJECT : IN_INBOX) + " ORDER BY id")
			.param("owner", ownerId)
			.param("project", projectId)
			.query((row) -> {
				each.accept(rows.mapRow(row, 0));
			});
	}

	List<Task> byIds(long ownerId, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT " + TaskRepository.COLUMNS
					+ " FROM tasks WHERE owner_id = :owner AND id = ANY(CAST(:ids AS bigint[])) ORDER BY id")
			.param("owner", ownerId)
			.param("ids", new SqlArrayValue("bigint", ids.toArray()))
			.query(new TaskRepository.TaskRows())
			.list();
	}

	List<CalendarView> openProjects(long ownerId) {
		return this.jdbc.sql("""
				SELECT id, name, color, version FROM projects
				WHERE owner_id = :owner AND NOT archived
				ORDER BY lower(name), id
				""")
			.param("owner", ownerId)
			.query((row, number) -> new CalendarView(row.getLong("id"), row.getString("name"), row.getString("color"),
					row.getLong("version")))
			.list();
	}

	/**
	 * An MD5 of the calendar's task ids and versions and the project's version: versions
	 * grow with every change and ids are never reused, so any change, deletion or move in
	 * or out changes it. Not a secret, only a fingerprint.
	 */
	String contentTag(long ownerId, @Nullable Long projectId) {
		return this.jdbc.sql("""
				SELECT md5(coalesce(string_agg(id || ':' || version, ',' ORDER BY id), '') || '|' ||
				       coalesce((SELECT p.version::text FROM projects p
				                 WHERE p.owner_id = :owner AND p.id = CAST(:project AS bigint)), ''))
				FROM tasks WHERE owner_id = :owner AND
				""" + ((projectId != null) ? IN_PROJECT : IN_INBOX))
			.param("owner", ownerId)
			.param("project", projectId)
			.query(String.class)
			.single();
	}

}
