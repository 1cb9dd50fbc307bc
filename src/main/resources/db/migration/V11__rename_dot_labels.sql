-- Labels named "." or ".." cannot be a path segment (/labels/{name}, /app/labels/{key}):
-- every client and server resolves them away before any route sees them, so such a label
-- could be neither renamed nor deleted. The API refuses these names from now on (contract
-- v3, "Labels in paths"); the ones stored before are renamed "[.]" and "[..]", so that
-- they stay manageable and a task that carries one can still be saved with its labels.
-- Onto a label "[.]" or "[..]" the user already has, they merge, as a rename through the
-- API does (LabelRepository.rename): each task keeps the label where it first had either.

UPDATE tasks
SET labels = ARRAY(SELECT n FROM (
        SELECT DISTINCT ON (k) n, o FROM (
            SELECT CASE k WHEN '.' THEN '[.]' WHEN '..' THEN '[..]' ELSE n END AS n,
                   CASE k WHEN '.' THEN '[.]' WHEN '..' THEN '[..]' ELSE k END AS k, o
            FROM unnest(labels, label_keys) WITH ORDINALITY AS x(n, k, o)) AS renamed
        ORDER BY k, o) AS kept ORDER BY o),
    label_keys = ARRAY(SELECT k FROM (
        SELECT DISTINCT ON (k) k, o FROM (
            SELECT CASE k WHEN '.' THEN '[.]' WHEN '..' THEN '[..]' ELSE k END AS k, o
            FROM unnest(label_keys) WITH ORDINALITY AS x(k, o)) AS renamed
        ORDER BY k, o) AS kept ORDER BY o),
    updated_at = now()
-- Served by the GIN index on (owner_id, label_keys), which takes a condition on either
-- column alone.
WHERE label_keys && ARRAY['.', '..'];

-- The spelling rows: an existing "[.]" or "[..]" keeps its row, else one is added.
INSERT INTO labels (owner_id, key, name)
SELECT owner_id, '[' || key || ']', '[' || key || ']' FROM labels WHERE key IN ('.', '..')
ON CONFLICT (owner_id, key) DO NOTHING;

DELETE FROM labels WHERE key IN ('.', '..');
