-- Idempotency keys serve any kind of creation now, not only tasks: the stored response is
-- the replay, and nothing read the task id.
ALTER TABLE idempotency_keys DROP COLUMN task_id;
