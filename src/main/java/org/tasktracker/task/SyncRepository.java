package org.tasktracker.task;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The change feed's reads, each scoped to the owner. They run in one
 * {@code REPEATABLE READ} transaction per page ({@link #begin}), so that the snapshot a
 * token records is exactly the one the page was read in.
 * <p>
 * "Changed since a snapshot" is "written by a transaction that snapshot did not see":
 * {@code NOT pg_visible_in_snapshot(changed_xid, since)}. That holds for every
 * transaction that committed after the snapshot was taken, whenever it began, and for
 * none that committed before; rows are read from the snapshot's oldest running
 * transaction on ({@code pg_snapshot_xmin}), through the {@code (owner_id, changed_xid)}
 * indexes.
 */
@Component
class SyncRepository {

	private static final String CHANGED = """
			%1$s.changed_xid >= pg_snapshot_xmin(CAST(:since AS pg_snapshot))
			AND NOT pg_visible_in_snapshot(%1$s.changed_xid, CAST(:since AS pg_snapshot))
			""";

	private static final String PROJECTS = ProjectRepository.SELECT
			+ " WHERE p.owner_id = :owner AND p.id > :after %s ORDER BY p.id LIMIT :limit";

	private static final String TASKS = "SELECT " + TaskRepository.COLUMNS
			+ " FROM tasks WHERE owner_id = :owner AND id > :after %s ORDER BY id LIMIT :limit";

	private static final String TOMBSTONES = """
			SELECT id FROM tombstones
			WHERE owner_id = :owner AND kind = :kind AND id > :after
			  AND deleted_xid >= pg_snapshot_xmin(CAST(:since AS pg_snapshot))
			  AND NOT pg_visible_in_snapshot(deleted_xid, CAST(:since AS pg_snapshot))
			ORDER BY id LIMIT :limit
			""";

	/** The key that signs sync tokens, read once. */
	private volatile byte @Nullable [] tokenKey;

	private final JdbcClient jdbc;

	/** For the reads whose best plan depends on the snapshot given. */
	private final JdbcClient planned;

	SyncRepository(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.planned = TaskRepository.plannedForEachCall(dataSource);
	}

	/**
	 * The snapshot of the page's transaction and the database's clock: the first
	 * statement of a transaction, which it makes {@code REPEATABLE READ}, so that every
	 * later read in it sees exactly this snapshot.
	 */
	Snapshot begin() {
		this.jdbc.sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").update();
		return this.jdbc
			.sql("SELECT pg_current_snapshot()::text AS snapshot, "
					+ "(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS millis")
			.query((row, number) -> new Snapshot(row.getString("snapshot"), row.getLong("millis")))
			.single();
	}

	/** The owner's projects after {@code after}, all of them or those changed since. */
	List<Project> projects(long ownerId, @Nullable String since, long after, int limit) {
		return read(PROJECTS.formatted((since != null) ? "AND " + CHANGED.formatted("p") : ""),
				ProjectRepository::mapProject, ownerId, since, after, limit);
	}

	/** The owner's tasks after {@code after}, all of them or those changed since. */
	List<Task> tasks(long ownerId, @Nullable String since, long after, int limit) {
		return read(TASKS.formatted((since != null) ? "AND " + CHANGED.formatted("tasks") : ""),
				new TaskRepository.TaskRows(), ownerId, since, after, limit);
	}

	private <T> List<T> read(String sql, org.springframework.jdbc.core.RowMapper<T> rows, long ownerId,
			@Nullable String since, long after, int limit) {
		return this.planned.sql(sql)
			.param("owner", ownerId)
			.param("after", after)
			.param("since", since)
			.param("limit", limit)
			.query(rows)
			.list();
	}

	/** The ids of the owner's tasks or projects deleted since the snapshot. */
	List<Long> deleted(long ownerId, String kind, String since, long after, int limit) {
		return this.planned.sql(TOMBSTONES)
			.param("owner", ownerId)
			.param("kind", kind)
			.param("after", after)
			.param("since", since)
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/**
	 * Deletes the tombstones older than the retention, and an hour more: a deletion's
	 * clock is read when it runs, before it commits, so that no token still accepted can
	 * need a purged one.
	 * @return how many were deleted
	 */
	int purge(Duration retention) {
		return this.jdbc.sql("DELETE FROM tombstones WHERE deleted_at < clock_timestamp() - CAST(:kept AS interval)")
			.param("kept", retention.plusHours(1).toSeconds() + " seconds")
			.update();
	}

	void deleteOwnedBy(long ownerId) {
		this.jdbc.sql("DELETE FROM tombstones WHERE owner_id = :owner").param("owner", ownerId).update();
	}

	/** The key that signs sync tokens, shared by every instance on the database. */
	byte[] tokenKey() {
		byte[] key = this.tokenKey;
		if (key == null) {
			key = this.jdbc.sql("SELECT key FROM service_keys WHERE name = 'sync-token'").query(byte[].class).single();
			this.tokenKey = key;
		}
		return key;
	}

	/**
	 * @param text the snapshot as {@code pg_snapshot} writes it
	 * @param millis when it was taken, by the database's clock
	 */
	record Snapshot(String text, long millis) {
	}

}
