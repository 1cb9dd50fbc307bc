-- The version trigger of V16 goes: every statement that changes a task or a project now
-- moves its version and changed_xid itself, beside updated_at, under the same condition
-- (TaskRepository's CHANGED and changedWhen). A BEFORE UPDATE row trigger makes
-- PostgreSQL lock each row before the update (for the trigger's OLD), which writes one
-- more WAL record per updated row and dirties the page twice: docs/design/sync.md,
-- "Versions moved by the statements". The tests install a guard trigger
-- (src/test/resources/db/guards) that fails any update changing a row without moving
-- its version, so a statement that forgets is caught by the suite.
DROP TRIGGER tasks_next_version ON tasks;
DROP TRIGGER projects_next_version ON projects;
DROP FUNCTION next_version();

-- The subtask counting trigger's own update of the parent moves the parent's version too.
CREATE OR REPLACE FUNCTION tasks_count_subtasks() RETURNS trigger LANGUAGE plpgsql AS $$
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
    SET subtasks_open = counted.open, subtasks_total = counted.total,
        version = parent.version + 1, changed_xid = pg_current_xact_id()
    FROM (SELECT p.id,
                 (SELECT count(*) FROM tasks c WHERE c.owner_id = owner AND c.parent_id = p.id AND NOT c.completed) AS open,
                 (SELECT count(*) FROM tasks c WHERE c.owner_id = owner AND c.parent_id = p.id) AS total
          FROM unnest(parents) AS p(id) WHERE p.id IS NOT NULL) AS counted
    WHERE parent.owner_id = owner AND parent.id = counted.id
      AND (parent.subtasks_open, parent.subtasks_total) IS DISTINCT FROM (counted.open, counted.total);
    RETURN NULL;
END
$$;
