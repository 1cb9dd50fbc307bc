-- Idempotency-Key of POST /tasks: the key, a hash of the request it came with, and the
-- 201 body that was answered, so a retry within the retention gets the same answer even
-- after its first response was lost. No foreign key: the replay stands even if the task
-- is deleted later.
CREATE TABLE idempotency_keys (
    key          text        PRIMARY KEY,
    request_hash text        NOT NULL,
    task_id      bigint,
    response     text,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- The periodic clean-up deletes by age.
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
