-- Test databases only (src/test/resources/config/application.properties adds this
-- location): fails any update that changes a task or a project without moving its
-- version and changed_xid. In production each statement moves them itself (V17); this
-- guard makes the suite catch a statement that forgets, which the feed would otherwise
-- miss silently. An AFTER trigger, so that it takes no row lock; run after every migrate.
-- Made only where missing: creating a trigger locks its table against every reader, and
-- Spring starts a test context while the other lane's transactions read the table.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'version_not_moved') THEN
        CREATE FUNCTION version_not_moved() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            RAISE EXCEPTION 'an update changed % % without moving its version', TG_TABLE_NAME, OLD.id;
        END
        $body$;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'tasks_version_moved' AND tgrelid = 'tasks'::regclass) THEN
        CREATE TRIGGER tasks_version_moved AFTER UPDATE ON tasks FOR EACH ROW
            WHEN (OLD.* IS DISTINCT FROM NEW.*
                  AND (NEW.version <> OLD.version + 1 OR NEW.changed_xid IS DISTINCT FROM pg_current_xact_id()))
            EXECUTE FUNCTION version_not_moved();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'projects_version_moved' AND tgrelid = 'projects'::regclass) THEN
        CREATE TRIGGER projects_version_moved AFTER UPDATE ON projects FOR EACH ROW
            WHEN (OLD.* IS DISTINCT FROM NEW.*
                  AND (NEW.version <> OLD.version + 1 OR NEW.changed_xid IS DISTINCT FROM pg_current_xact_id()))
            EXECUTE FUNCTION version_not_moved();
    END IF;
END
$$;
