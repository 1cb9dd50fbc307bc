-- The tasks of bench/run.sh --scale, loaded under a running service's schema: the users
-- "small" and "large" (made through the API beforehand) get :small_tasks and
-- :large_tasks tasks, and :fillers more users get :filler_tasks each, so the one table
-- holds every user's tasks as it would in production.
--
--   psql -v small_tasks=1000 -v large_tasks=1000000 -v fillers=98 -v filler_tasks=91826 -f bench/scale-load.sql
--
-- Every user's tasks follow the same pattern. Task n of N gets each attribute from its own
-- hash of n (h1 to h6, each in 0-99), so that no two are correlated, as in a real list:
--   title        "Benchmark task n", but "Zebra crossing n" for 5 tasks (the only z)
--   description  a third: "notes for " and an MD5 in hex            (h1 < 33)
--   completed    half                                                (h2 < 50)
--   project      a tenth each: the Inbox or one of the user's 9      (h3 % 10)
--   labels       a fifth Home, a fifth Work and Urgent; 5 tasks Waiting only (h4)
--   priority     a quarter each                                      (h5 % 4)
--   due          a third none, a third a date, a third an instant, spread over a year
--                either side of today                               (h6 % 3, n)
--   updated_at   a minute apart, the last task now
-- and, for "small" and "large" only (contract v3, part C):
--   parent       every 50th task is a subtask of the task before it, in its project
--   recurrence   every 100th open task with a due recurs daily
\set ON_ERROR_STOP on
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;

INSERT INTO users (username) SELECT 'filler-' || f FROM generate_series(1, :fillers) f;
CREATE TEMP TABLE owners AS
    SELECT id AS owner_id,
           CASE username WHEN 'small' THEN :small_tasks WHEN 'large' THEN :large_tasks ELSE :filler_tasks END AS size
    FROM users WHERE username IN ('small', 'large') OR username LIKE 'filler-%';
INSERT INTO projects (owner_id, name) SELECT owner_id, 'Project ' || p FROM owners, generate_series(1, 9) p ORDER BY 1, 2;
CREATE TEMP TABLE first_project AS SELECT owner_id, min(id) AS id FROM projects GROUP BY owner_id;
INSERT INTO labels (owner_id, key, name)
    SELECT owner_id, lower(l), l FROM owners, unnest('{Home,Work,Urgent,Waiting}'::text[]) l;

-- Loading into a table without its secondary indexes and foreign key, then building
-- them, takes minutes where row-by-row upkeep would take hours.
CREATE TEMP TABLE saved_indexes AS
    SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'tasks' AND indexname <> 'tasks_pkey';
CREATE TEMP TABLE saved_constraints AS
    SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = 'tasks'::regclass AND contype = 'f';
SELECT format('ALTER TABLE tasks DROP CONSTRAINT %I', conname) FROM saved_constraints \gexec
SELECT format('DROP INDEX %I', indexname) FROM saved_indexes \gexec

INSERT INTO tasks (owner_id, title, description, completed, completed_at, created_at, updated_at,
                   project_id, labels, label_keys, priority, due_date, due_at, due_sort)
SELECT o.owner_id,
       CASE WHEN n % (o.size / 5) = 0 THEN 'Zebra crossing ' ELSE 'Benchmark task ' END || n,
       CASE WHEN h1 < 33 THEN 'notes for ' || md5(n::text) END,
       h2 < 50,
       CASE WHEN h2 < 50 THEN at END,
       at, at,
       CASE WHEN h3 % 10 <> 0 THEN p.id + h3 % 10 - 1 END,
       labels, lower(labels::text)::text[], 1 + h5 % 4,
       CASE WHEN h6 % 3 = 1 THEN current_date + days END,
       CASE WHEN h6 % 3 = 2 THEN date_trunc('hour', now()) + make_interval(days => days, hours => n % 24) END,
       CASE h6 % 3 WHEN 1 THEN (current_date + days)::timestamp AT TIME ZONE 'UTC'
                   WHEN 2 THEN date_trunc('hour', now()) + make_interval(days => days, hours => n % 24) END
FROM owners o
JOIN first_project p USING (owner_id)
CROSS JOIN LATERAL generate_series(1, o.size) n
CROSS JOIN LATERAL (SELECT (hashint8extended(n, 1) & 1048575) % 100 AS h1, (hashint8extended(n, 2) & 1048575) % 100 AS h2,
                           (hashint8extended(n, 3) & 1048575) % 100 AS h3, (hashint8extended(n, 4) & 1048575) % 100 AS h4,
                           (hashint8extended(n, 5) & 1048575) % 100 AS h5, (hashint8extended(n, 6) & 1048575) % 100 AS h6) h
CROSS JOIN LATERAL (SELECT now() - make_interval(mins => o.size - n) AS at,
                           ((n::bigint * 7919) % 731 - 365)::int AS days,
                           CASE WHEN n % (o.size / 5) = 1 THEN '{Waiting}'
                                WHEN h4 < 20 THEN '{Home}'
                                WHEN h4 < 40 THEN '{Work,Urgent}'
                                ELSE '{}' END::text[] AS labels) t
ORDER BY o.owner_id, n;

SELECT indexdef FROM saved_indexes \gexec
SELECT format('ALTER TABLE tasks ADD CONSTRAINT %I %s', conname, def) FROM saved_constraints \gexec

-- After the indexes are back: the subtask counts' trigger reads the parent index.
-- Statistics first: planned without them, this join can read every task once per subtask.
ANALYZE tasks;
UPDATE tasks AS child SET parent_id = parent.id, project_id = parent.project_id
FROM tasks AS parent
WHERE child.owner_id IN (SELECT id FROM users WHERE username IN ('small', 'large'))
  AND child.id % 50 = 0 AND parent.owner_id = child.owner_id AND parent.id = child.id - 1;
UPDATE tasks SET recurrence_rule = 'FREQ=DAILY', recurrence_from = 'due', recurrence_index = 1
WHERE owner_id IN (SELECT id FROM users WHERE username IN ('small', 'large'))
  AND id % 100 = 1 AND due_sort IS NOT NULL AND NOT completed;
VACUUM ANALYZE tasks;
VACUUM ANALYZE projects;
VACUUM ANALYZE labels;
VACUUM ANALYZE users;
