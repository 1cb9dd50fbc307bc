\set id random(1, :max_id)
UPDATE tasks
SET completed = true,
    completed_at = COALESCE(completed_at, now()),
    updated_at = CASE WHEN (NOT completed) THEN now() ELSE updated_at END,
    version = CASE WHEN (NOT completed) THEN version + 1 ELSE version END,
    changed_xid = CASE WHEN (NOT completed) THEN pg_current_xact_id() ELSE changed_xid END
WHERE owner_id = 1 AND id = :id
RETURNING id, title, description, completed, created_at, updated_at, completed_at;
