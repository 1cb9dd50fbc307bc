package org.tasktracker.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Projects in PostgreSQL, each statement scoped to the owner. */
@Component
class ProjectRepository {

	/** A project's columns and its open tasks, counted through the project index. */
	static final String SELECT = """
			SELECT p.id, p.name, p.archived, p.color, p.created_at, p.updated_at, p.version,
			       (SELECT count(*) FROM tasks t
			        WHERE t.owner_id = p.owner_id AND t.project_id = p.id AND NOT t.completed) AS open_tasks
			FROM projects p
			""";

	private static final RowMapper<Project> PROJECT_ROW = ProjectRepository::mapProject;

	private final JdbcClient jdbc;

	ProjectRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @throws org.springframework.dao.DuplicateKeyException if the name is taken
	 */
	Project create(long ownerId, String name, @Nullable String color) {
		long id = this.jdbc
			.sql("INSERT INTO projects (owner_id, name, color) VALUES (:owner, :name, :color) RETURNING id")
			.param("owner", ownerId)
			.param("name", name)
			.param("color", color)
			.query(Long.class)
			.single();
		return find(ownerId, id).orElseThrow();
	}

	List<Project> findAll(long ownerId, @Nullable Boolean archived) {
		return this.jdbc
			.sql(SELECT + " WHERE p.owner_id = :owner" + ((archived != null) ? " AND p.archived = :archived" : "")
					+ " ORDER BY lower(p.name), p.id")
			.param("owner", ownerId)
			.param("archived", archived)
			.query(PROJECT_ROW)
			.list();
	}

	/**
	 * The id of the owner's project of that name, in any case, through the unique index
	 * on {@code (owner_id, lower(name))}; no tasks are counted.
	 */
	Optional<Long> findIdByName(long ownerId, String name) {
		return this.jdbc.sql("SELECT id FROM projects WHERE owner_id = :owner AND lower(name) = lower(:name)")
			.param("owner", ownerId)
			.param("name", name)
			.query(Long.class)
			.optional();
	}

	Optional<Project> find(long ownerId, long id) {
		return this.jdbc.sql(SELECT + " WHERE p.owner_id = :owner AND p.id = :id")
			.param("owner", ownerId)
			.param("id", id)
			.query(PROJECT_ROW)
			.optional();
	}

	/**
	 * How many tasks the owner's project holds, completed ones too: what deleting it with
	 * its tasks deletes.
	 */
	long countTasks(long ownerId, long id) {
		return this.jdbc.sql("SELECT count(*) FROM tasks WHERE owner_id = :owner AND project_id = :id")
			.param("owner", ownerId)
			.param("id", id)
			.query(Long.class)
			.single();
	}

	/**
	 * Applies a merge patch; {@code updated_at} moves only on a real change.
	 * @param setColor whether the patch names {@code color} ({@code null} clears it)
	 * @return whether the owner has that project
	 * @throws org.springframework.dao.DuplicateKeyException if the new name is taken
	 */
	boolean update(long ownerId, long id, @Nullable String name, @Nullable Boolean archived, boolean setColor,
			@Nullable String color) {
		return this.jdbc.sql("""
				UPDATE projects
				SET name = COALESCE(CAST(:name AS text), name),
				    archived = COALESCE(CAST(:archived AS boolean), archived),
				    color = CASE WHEN :setColor THEN CAST(:color AS text) ELSE color END,
				""" + RowChange.when("""
				name IS DISTINCT FROM COALESCE(CAST(:name AS text), name)
				OR archived IS DISTINCT FROM COALESCE(CAST(:archived AS boolean), archived)
				OR (:setColor AND color IS DISTINCT FROM CAST(:color AS text))""") + """

				WHERE owner_id = :owner AND id = :id
				""")
			.param("owner", ownerId)
			.param("id", id)
			.param("name", name)
			.param("archived", archived)
			.param("setColor", setColor)
			.param("color", color)
			.update() == 1;
	}

	/**
	 * Deletes a project; its tasks too when {@code withTasks}, in the caller's
	 * transaction. A project that still holds tasks breaks their foreign key.
	 * @return whether the owner had that project
	 */
	boolean delete(long ownerId, long id, boolean withTasks) {
		if (withTasks) {
			this.jdbc.sql("DELETE FROM tasks WHERE owner_id = :owner AND project_id = :id")
				.param("owner", ownerId)
				.param("id", id)
				.update();
		}
		return this.jdbc.sql("DELETE FROM projects WHERE owner_id = :owner AND id = :id")
			.param("owner", ownerId)
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Locks the owner's project for the rest of the transaction and reads its version.
	 * @return empty when the owner has no such project
	 */
	Optional<Long> lockVersion(long ownerId, long id) {
		return this.jdbc.sql("SELECT version FROM projects WHERE owner_id = :owner AND id = :id FOR UPDATE")
			.param("owner", ownerId)
			.param("id", id)
			.query(Long.class)
			.optional();
	}

	/**
	 * Writes an imported project as it was, with its version.
	 * @return its new id
	 */
	long insertImported(long ownerId, String name, @Nullable String color, boolean archived, long version) {
		return this.jdbc.sql("""
				INSERT INTO projects (owner_id, name, color, archived, version)
				VALUES (:owner, :name, :color, :archived, :version) RETURNING id
				""")
			.param("owner", ownerId)
			.param("name", name)
			.param("color", color)
			.param("archived", archived)
			.param("version", version)
			.query(Long.class)
			.single();
	}

	/** The lower-cased names of the owner's projects. */
	java.util.Set<String> namesOf(long ownerId) {
		return new java.util.HashSet<>(this.jdbc.sql("SELECT lower(name) FROM projects WHERE owner_id = :owner")
			.param("owner", ownerId)
			.query(String.class)
			.list());
	}

	void deleteOwnedBy(long ownerId) {
		this.jdbc.sql("DELETE FROM projects WHERE owner_id = :owner").param("owner", ownerId).update();
	}

	static Project mapProject(ResultSet row, int rowNumber) throws SQLException {
		return new Project(row.getLong("id"), row.getString("name"), row.getBoolean("archived"), row.getString("color"),
				row.getLong("open_tasks"), row.getObject("created_at", OffsetDateTime.class).toInstant(),
				row.getObject("updated_at", OffsetDateTime.class).toInstant(), row.getLong("version"));
	}

}
