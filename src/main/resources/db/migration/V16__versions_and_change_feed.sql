-- Contract v3, part D (issue 34): versions for ETags, and what the change feed (GET /sync)
-- reads. See docs/design/sync.md for why the feed never skips a change.
--
-- Every task and project carries a version that grows with each change to its row, and
-- the id of the transaction that made that change (changed_xid, a 64-bit xid8 that never
-- wraps). A sync token holds the snapshot its reader saw; the next read sends every row
-- whose changed_xid that snapshot did not see, which is every change committed after
-- it, in whatever order the writing transactions began or committed.
--
-- Columns are added with a constant default or none, so no row is rewritten: rows
-- written before this migration have changed_xid null, which every snapshot counts as
-- seen; their next change sets it.

ALTER TABLE tasks
    ADD COLUMN version     bigint NOT NULL DEFAULT 1,
    ADD COLUMN changed_xid xid8;
ALTER TABLE tasks ALTER COLUMN changed_xid SET DEFAULT pg_current_xact_id();

ALTER TABLE projects
    ADD COLUMN version     bigint NOT NULL DEFAULT 1,
    ADD COLUMN changed_xid xid8;
ALTER TABLE projects ALTER COLUMN changed_xid SET DEFAULT pg_current_xact_id();

-- Every update that changes a row, whichever statement makes it (the service's own, the
-- subtask counting trigger, a label rename, a renumbering of positions), moves its
-- version and changed_xid: a trigger, so that no write path can forget it. The WHEN
-- clause is evaluated before the function is called, so an update that changes
-- nothing costs no call and no new version.
CREATE FUNCTION next_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    NEW.changed_xid := pg_current_xact_id();
    RETURN NEW;
END
$$;

CREATE TRIGGER tasks_next_version BEFORE UPDATE ON tasks
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION next_version();
CREATE TRIGGER projects_next_version BEFORE UPDATE ON projects
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION next_version();

-- The feed's read of what changed since a snapshot: the owner's rows from the snapshot's
-- oldest running transaction on.
CREATE INDEX tasks_owner_changed_idx ON tasks (owner_id, changed_xid);
CREATE INDEX projects_owner_changed_idx ON projects (owner_id, changed_xid);

-- What was deleted, for the feed: one row per task or project, kept for
-- SYNC_TOMBSTONE_RETENTION. deleted_at is the clock at the delete, not the transaction's
-- start, so that a tombstone is never purged before a token that has not seen it expires.
CREATE TABLE tombstones (
    owner_id    bigint      NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('task', 'project')),
    id          bigint      NOT NULL,
    deleted_xid xid8        NOT NULL DEFAULT pg_current_xact_id(),
    deleted_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (owner_id, kind, id)
);

CREATE INDEX tombstones_owner_deleted_idx ON tombstones (owner_id, deleted_xid);
CREATE INDEX tombstones_deleted_at_idx ON tombstones (deleted_at);

-- One insert per deleting statement, however many rows it deleted (a project with its
-- tasks, a subtree through the parent's foreign key): the deleted rows arrive as a
-- transition table. An id deleted again after an undo gets a new tombstone.
CREATE FUNCTION record_tombstones() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- TG_ARGV[0]: the kind of what the statement deleted.
    INSERT INTO tombstones (owner_id, kind, id)
    SELECT owner_id, TG_ARGV[0], id FROM gone
    ON CONFLICT (owner_id, kind, id)
        DO UPDATE SET deleted_xid = EXCLUDED.deleted_xid, deleted_at = EXCLUDED.deleted_at;
    RETURN NULL;
END
$$;

CREATE TRIGGER tasks_tombstones AFTER DELETE ON tasks
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION record_tombstones('task');
CREATE TRIGGER projects_tombstones AFTER DELETE ON projects
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION record_tombstones('project');

-- The key that signs sync tokens, shared by every instance on this database: 32 random
-- bytes from two version-4 UUIDs (gen_random_uuid is built in; pgcrypto may be absent).
CREATE TABLE service_keys (
    name text  PRIMARY KEY,
    key  bytea NOT NULL
);
INSERT INTO service_keys (name, key)
VALUES ('sync-token', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
