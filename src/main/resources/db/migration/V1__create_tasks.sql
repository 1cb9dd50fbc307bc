-- Tasks. Lengths count characters (code points) as the API does; the API checks them
-- first, the constraints keep any other writer honest.
CREATE TABLE tasks (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title        text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description  text                 CHECK (char_length(description) <= 10000),
    completed    boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    CONSTRAINT tasks_completed_at_matches_completed CHECK (completed = (completed_at IS NOT NULL))
);

-- completed=true|false listings in either order, and their keyset cursors.
CREATE INDEX tasks_completed_id_idx ON tasks (completed, id);
