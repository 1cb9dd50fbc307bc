package org.tasktracker.task;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A user's labels: the spelling of each in {@code labels}, and which tasks carry it in
 * the tasks' {@code labels} and {@code label_keys}, position by position. A label exists
 * while some task carries it.
 */
@Component
class LabelRepository {

	private static final String COUNTED = """
			SELECT l.name, count(*) FILTER (WHERE NOT t.completed) AS open_tasks, count(*) AS tasks
			FROM labels l JOIN tasks t ON t.owner_id = l.owner_id AND t.label_keys @> ARRAY[l.key]
			WHERE l.owner_id = :owner
			""";

	private static final RowMapper<Label> LABEL_ROW = (row, rowNumber) -> new Label(row.getString("name"),
			row.getLong("open_tasks"), row.getLong("tasks"));

	private final JdbcClient jdbc;

	LabelRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Label> findAll(long ownerId) {
		return this.jdbc.sql(COUNTED + " GROUP BY l.key, l.name ORDER BY l.key")
			.param("owner", ownerId)
			.query(LABEL_ROW)
			.list();
	}

	Optional<Label> find(long ownerId, String key) {
		return this.jdbc.sql(COUNTED + " AND l.key = :key GROUP BY l.key, l.name")
			.param("owner", ownerId)
			.param("key", key)
			.query(LABEL_ROW)
			.optional();
	}

	/**
	 * Renames the label {@code key} to {@code name} on every task that carries it; onto a
	 * label the user already has, the two become one, kept where each task first had
	 * either. Run in a transaction.
	 * @return whether some task carried the label
	 */
	boolean rename(long ownerId, String key, String name) {
		String newKey = TaskRequests.labelKey(name);
		int changed = this.jdbc
			.sql("""
					UPDATE tasks
					SET labels = ARRAY(SELECT n FROM (
					        SELECT DISTINCT ON (k) n, o FROM (
					            SELECT CASE WHEN k IN (:key, :newKey) THEN :name ELSE n END AS n,
					                   CASE WHEN k IN (:key, :newKey) THEN :newKey ELSE k END AS k, o
					            FROM unnest(labels, label_keys) WITH ORDINALITY AS x(n, k, o)) AS renamed
					        ORDER BY k, o) AS kept ORDER BY o),
					    label_keys = ARRAY(SELECT k FROM (
					        SELECT DISTINCT ON (k) k, o FROM (
					            SELECT CASE WHEN k IN (:key, :newKey) THEN :newKey ELSE k END AS k, o
					            FROM unnest(label_keys) WITH ORDINALITY AS x(k, o)) AS renamed
					        ORDER BY k, o) AS kept ORDER BY o),
					    %s
					WHERE owner_id = :owner AND label_keys && ARRAY[CAST(:key AS text), CAST(:newKey AS text)]
					  AND EXISTS (SELECT FROM tasks c WHERE c.owner_id = :owner AND c.label_keys @> ARRAY[CAST(:key AS text)])
					"""
				.formatted(RowChange.ALWAYS))
			.param("owner", ownerId)
			.param("key", key)
			.param("newKey", newKey)
			.param("name", name)
			.update();
		if (changed == 0) {
			return false;
		}
		this.jdbc.sql("DELETE FROM labels WHERE owner_id = :owner AND key = :key")
			.param("owner", ownerId)
			.param("key", key)
			.update();
		this.jdbc.sql("""
				INSERT INTO labels (owner_id, key, name) VALUES (:owner, :newKey, :name)
				ON CONFLICT (owner_id, key) DO UPDATE SET name = EXCLUDED.name
				""").param("owner", ownerId).param("newKey", newKey).param("name", name).update();
		return true;
	}

	/**
	 * Takes the label off every task that carries it. Run in a transaction.
	 * @return whether some task carried it
	 */
	boolean delete(long ownerId, String key) {
		int changed = this.jdbc.sql("""
				UPDATE tasks
				SET labels = ARRAY(SELECT n FROM unnest(labels, label_keys) WITH ORDINALITY AS x(n, k, o)
				                   WHERE k <> :key ORDER BY o),
				    label_keys = array_remove(label_keys, CAST(:key AS text)),
				    %s
				WHERE owner_id = :owner AND label_keys @> ARRAY[CAST(:key AS text)]
				""".formatted(RowChange.ALWAYS)).param("owner", ownerId).param("key", key).update();
		this.jdbc.sql("DELETE FROM labels WHERE owner_id = :owner AND key = :key")
			.param("owner", ownerId)
			.param("key", key)
			.update();
		return changed > 0;
	}

	void deleteOwnedBy(long ownerId) {
		this.jdbc.sql("DELETE FROM labels WHERE owner_id = :owner").param("owner", ownerId).update();
	}

}
