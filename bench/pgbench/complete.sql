\set id random(1, :max_id)
UPDATE tasks
SET completed = true,
    completed_at = COALESCE(completed_at, now()),
    updated_at = CASE WHEN completed THEN updated_at ELSE now() END
WHERE owner_id = 1 AND id = :id
RETURNING id, title, description, completed, created_at, updated_at, completed_at;
