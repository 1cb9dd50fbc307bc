-- Contract v3, part C (issue 33): recurring tasks, subtasks, manual order and reminders.
-- Every existing task stays valid as it is: a root task, not recurring, without
-- reminders, in its list's order by id. Each column added here has a constant default or
-- none, so adding it rewrites no row.

ALTER TABLE tasks
    -- The task's parent, one of the same owner's tasks; deleting a parent deletes its
    -- subtree. A subtask's project is always its root's (kept by the service).
    ADD COLUMN parent_id        bigint,
    -- Where the task stands among its siblings, as a fractional key compared byte by
    -- byte; null until the task is first moved, which means the key of its id:
    -- lpad(to_hex(id), 16, '0') || '1', so a new task goes last without reading its
    -- siblings. (The '1' keeps every key free of trailing zeros, which the keys between
    -- two others need.)
    ADD COLUMN position         text,
    -- An RFC 5545 RRULE of the accepted subset (canonical form), what the next due is
    -- counted from, and the 1-based number of the current due in the series (for COUNT).
    ADD COLUMN recurrence_rule  text,
    ADD COLUMN recurrence_from  text,
    ADD COLUMN recurrence_index integer,
    -- Each reminder as its canonical text: an ISO 8601 duration before the due (PT15M)
    -- or a UTC instant (2026-12-01T08:00:00Z).
    ADD COLUMN reminders        text[]  NOT NULL DEFAULT '{}',
    -- The direct children, open and all: kept by the trigger below, so that a listing
    -- reads them from the row rather than counting per task.
    ADD COLUMN subtasks_open    integer NOT NULL DEFAULT 0,
    ADD COLUMN subtasks_total   integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT tasks_parent_fk FOREIGN KEY (owner_id, parent_id) REFERENCES tasks (owner_id, id)
        ON DELETE CASCADE,
    ADD CONSTRAINT tasks_not_own_parent CHECK (parent_id <> id),
    ADD CONSTRAINT tasks_position_length CHECK (char_length(position) <= 64),
    ADD CONSTRAINT tasks_recurrence_whole CHECK (
        (recurrence_rule IS NULL) = (recurrence_from IS NULL)
        AND (recurrence_rule IS NULL) = (recurrence_index IS NULL)),
    ADD CONSTRAINT tasks_recurrence_from CHECK (recurrence_from IN ('due', 'completion')),
    ADD CONSTRAINT tasks_recurrence_needs_due CHECK (recurrence_rule IS NULL OR due_sort IS NOT NULL),
    ADD CONSTRAINT tasks_reminders_count CHECK (cardinality(reminders) <= 5),
    -- A reminder before the due needs a due: clearing the due clears such reminders.
    ADD CONSTRAINT tasks_reminders_before_need_due
        CHECK (due_sort IS NOT NULL OR array_to_string(reminders, ' ') !~ '(^| )-?P');

-- A task's children, for the foreign key's checks on delete, the tree walks and
-- parent_id=N. Partial: root tasks, nearly all of them, cost this index nothing.
CREATE INDEX tasks_owner_parent_idx ON tasks (owner_id, parent_id, id) WHERE parent_id IS NOT NULL;

-- Manual order: siblings by key, then id (sort=position).
CREATE INDEX tasks_owner_manual_order_idx
    ON tasks (owner_id, project_id, parent_id, (COALESCE(position, lpad(to_hex(id), 16, '0') || '1') COLLATE "C"), id);

-- Each completion of a recurring task's occurrence: the due it completed and when, so
-- that the history can be read and the last completion undone.
CREATE TABLE task_completions (
    owner_id     bigint      NOT NULL,
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    task_id      bigint      NOT NULL,
    due_date     date,
    due_at       timestamptz,
    series_index integer     NOT NULL,
    completed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_id, id),
    FOREIGN KEY (owner_id, task_id) REFERENCES tasks (owner_id, id) ON DELETE CASCADE
);

CREATE INDEX task_completions_task_idx ON task_completions (owner_id, task_id, id);

-- Keeps a parent's subtasks_open and subtasks_total true whenever a child is added,
-- completed, reopened, moved or deleted, in the statement's own transaction. It counts
-- afresh rather than adding and subtracting, so it cannot drift. It runs only for rows
-- that have or had a parent (the WHEN clauses), so root tasks pay nothing.
CREATE FUNCTION tasks_count_subtasks() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parents bigint[];
    owner   bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        owner := OLD.owner_id;
        parents := ARRAY[OLD.parent_id];
    ELSIF TG_OP = 'INSERT' THEN
        owner := NEW.owner_id;
        parents := ARRAY[NEW.parent_id];
    ELSE
        owner := NEW.owner_id;
        parents := ARRAY[OLD.parent_id, NEW.parent_id];
    END IF;
    UPDATE tasks AS parent
    SET subtasks_open = counted.open, subtasks_total = counted.total
    FROM (SELECT p.id,
                 (SELECT count(*) FROM tasks c WHERE c.owner_id = owner AND c.parent_id = p.id AND NOT c.completed) AS open,
                 (SELECT count(*) FROM tasks c WHERE c.owner_id = owner AND c.parent_id = p.id) AS total
          FROM unnest(parents) AS p(id) WHERE p.id IS NOT NULL) AS counted
    WHERE parent.owner_id = owner AND parent.id = counted.id
      AND (parent.subtasks_open, parent.subtasks_total) IS DISTINCT FROM (counted.open, counted.total);
    RETURN NULL;
END
$$;

CREATE TRIGGER tasks_count_subtasks_on_insert AFTER INSERT ON tasks
    FOR EACH ROW WHEN (NEW.parent_id IS NOT NULL) EXECUTE FUNCTION tasks_count_subtasks();
CREATE TRIGGER tasks_count_subtasks_on_update AFTER UPDATE OF parent_id, completed ON tasks
    FOR EACH ROW WHEN ((OLD.parent_id IS NOT NULL OR NEW.parent_id IS NOT NULL)
                       AND (OLD.parent_id IS DISTINCT FROM NEW.parent_id OR OLD.completed <> NEW.completed))
    EXECUTE FUNCTION tasks_count_subtasks();
CREATE TRIGGER tasks_count_subtasks_on_delete AFTER DELETE ON tasks
    FOR EACH ROW WHEN (OLD.parent_id IS NOT NULL) EXECUTE FUNCTION tasks_count_subtasks();
