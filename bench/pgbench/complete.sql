\set id random(1, :max_id)
WITH asked AS (
    SELECT 1::bigint AS owner_id, :id::bigint AS id
), changed AS (
    UPDATE tasks
    SET completed = true, completed_at = COALESCE(completed_at, now()),
        updated_at = now(), version = version + 1, changed_xid = pg_current_xact_id()
    FROM asked
    WHERE tasks.owner_id = asked.owner_id AND tasks.id = asked.id
      AND tasks.recurrence_rule IS NULL AND tasks.subtasks_total = 0 AND NOT tasks.completed
    RETURNING tasks.id, tasks.title, tasks.description, tasks.completed, tasks.created_at, tasks.updated_at, tasks.completed_at
)
SELECT * FROM changed
UNION ALL
SELECT tasks.id, tasks.title, tasks.description, tasks.completed, tasks.created_at, tasks.updated_at, tasks.completed_at
FROM tasks JOIN asked ON tasks.owner_id = asked.owner_id AND tasks.id = asked.id
WHERE tasks.recurrence_rule IS NULL AND tasks.subtasks_total = 0 AND tasks.completed;
