-- Organising tasks (contract v2, part B): projects, labels, priority and due dates. Every
-- existing task stays valid as it is: in the Inbox (no project), priority 1, no labels,
-- no due date.

CREATE TABLE projects (
    owner_id   bigint      NOT NULL,
    id         bigint      GENERATED ALWAYS AS IDENTITY,
    name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    archived   boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_id, id)
);

-- Names are unique per user whatever their case.
CREATE UNIQUE INDEX projects_owner_name_idx ON projects (owner_id, lower(name));

-- A user's labels: one row per label, with the spelling it was first used in. Tasks keep
-- the spellings (labels) and the lower-cased keys (label_keys) of theirs, in the order
-- given; a rename rewrites both on every task that carries the label.
CREATE TABLE labels (
    owner_id bigint NOT NULL,
    key      text   NOT NULL,
    name     text   NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
    PRIMARY KEY (owner_id, key)
);

ALTER TABLE tasks
    ADD COLUMN project_id bigint,
    ADD COLUMN labels     text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN label_keys text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN priority   smallint    NOT NULL DEFAULT 1 CHECK (priority BETWEEN 1 AND 4),
    -- Exactly one of due_date (all-day, in the owner's time zone) and due_at (an instant),
    -- or neither. due_sort is the instant the task falls due: due_at, or the start of
    -- due_date in the owner's zone (rewritten when the owner changes zone). Listings sort
    -- and filter by it.
    ADD COLUMN due_date   date,
    ADD COLUMN due_at     timestamptz,
    ADD COLUMN due_sort   timestamptz,
    ADD CONSTRAINT tasks_one_kind_of_due CHECK (due_date IS NULL OR due_at IS NULL),
    ADD CONSTRAINT tasks_due_sort_matches_due CHECK ((due_sort IS NULL) = (due_date IS NULL AND due_at IS NULL)),
    ADD CONSTRAINT tasks_labels_match_keys CHECK (cardinality(labels) = cardinality(label_keys)),
    -- A task's project is one of its owner's: the key includes the owner.
    ADD CONSTRAINT tasks_project_fk FOREIGN KEY (owner_id, project_id) REFERENCES projects (owner_id, id);

-- Each filter and sort of a listing, per owner, in id order for keyset pages.
CREATE INDEX tasks_owner_project_id_idx ON tasks (owner_id, project_id, id);
CREATE INDEX tasks_owner_priority_id_idx ON tasks (owner_id, priority, id);
CREATE INDEX tasks_owner_due_id_idx ON tasks (owner_id, due_sort, id);
CREATE INDEX tasks_owner_updated_id_idx ON tasks (owner_id, updated_at, id);
CREATE INDEX tasks_owner_label_keys_idx ON tasks USING gin (owner_id, label_keys);
