-- The web UI's saved filters (issue 32): a search of the search box, named, listed in the
-- sidebar. Each is its owner's, gone with them; a name once per owner in any case, as
-- projects'. The query is the search box's text, at most 200 characters as the box takes.
CREATE TABLE saved_filters (
    owner_id   bigint      NOT NULL REFERENCES users ON DELETE CASCADE,
    id         bigint      GENERATED ALWAYS AS IDENTITY,
    name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    query      text        NOT NULL CHECK (char_length(query) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_id, id)
);

CREATE UNIQUE INDEX saved_filters_owner_name_idx ON saved_filters (owner_id, lower(name));
