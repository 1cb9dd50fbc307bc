-- Case-insensitive substring search (ILIKE '%q%') on title and description.
-- fastupdate off: each write updates the index at once, so searches never scan a long
-- pending list and writers never pay for flushing one (steadier latency on both sides).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX tasks_title_trgm_idx ON tasks USING gin (title gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX tasks_description_trgm_idx ON tasks USING gin (description gin_trgm_ops) WITH (fastupdate = off);
