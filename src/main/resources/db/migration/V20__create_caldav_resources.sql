-- Contract v3, part E (issue 35): what a CalDAV client chose for a task it wrote, kept by
-- the caldav module beside the task (docs/design/caldav.md, "The write side").
--
-- name: the resource's file name, as the client chose it ("<uuid>.ics"); unique per
-- owner, so that a task keeps its name when it moves to another calendar.
-- uid: the VTODO's UID, unique per owner (RFC 4791, no-uid-conflict).
-- extra: the properties and components of the VTODO that the service does not model, as
-- unfolded content lines, sent back unchanged.
-- parent_uid: a RELATED-TO;RELTYPE=PARENT naming a UID that no task has yet (a child
-- that arrived before its parent); cleared when that parent arrives and is linked.
--
-- No foreign key to tasks: a row outlives its task, so that sync-collection can name a
-- deleted task by the name its client knows; a later PUT of that name or UID takes the
-- row over. The rows go with their owner.
CREATE TABLE caldav_resources (
    owner_id   bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    task_id    bigint NOT NULL,
    name       text   NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    uid        text   NOT NULL CHECK (char_length(uid) BETWEEN 1 AND 255),
    extra      text   NOT NULL DEFAULT '',
    parent_uid text,
    PRIMARY KEY (owner_id, task_id)
);

CREATE UNIQUE INDEX caldav_resources_owner_name_idx ON caldav_resources (owner_id, name);
CREATE UNIQUE INDEX caldav_resources_owner_uid_idx ON caldav_resources (owner_id, uid);
CREATE INDEX caldav_resources_owner_parent_uid_idx ON caldav_resources (owner_id, parent_uid)
    WHERE parent_uid IS NOT NULL;


-- The collection name a client gave a project it made with MKCALENDAR
-- ("/dav/calendars/<user>/<name>/"): clients keep using the address they made, so the
-- calendar answers under it. Goes with the project.
CREATE TABLE caldav_calendars (
    owner_id   bigint NOT NULL,
    project_id bigint NOT NULL,
    name       text   NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    PRIMARY KEY (owner_id, project_id),
    CONSTRAINT caldav_calendars_project_fk FOREIGN KEY (owner_id, project_id)
        REFERENCES projects (owner_id, id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX caldav_calendars_owner_name_idx ON caldav_calendars (owner_id, name);
