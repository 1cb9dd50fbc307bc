-- Let writes add to the trigram indexes through GIN's pending list, kept small.
-- With fastupdate off (V2), every insert, and every update that moves a row (completing
-- a task does), put each of its title's and description's trigrams into the index one
-- by one, and concurrent writers queued for the same index pages: pgbench made 4260 and
-- 4765 creates/s that way, 8475 and 9593 with fastupdate on (64 clients, 2 cores). The
-- pending list is capped at 64 kB, so a search scans at most that much more, and the
-- writer that fills it merges it into the index in one go (a few hundred rows' worth).
ALTER INDEX tasks_title_trgm_idx SET (fastupdate = on, gin_pending_list_limit = 64);
ALTER INDEX tasks_description_trgm_idx SET (fastupdate = on, gin_pending_list_limit = 64);
