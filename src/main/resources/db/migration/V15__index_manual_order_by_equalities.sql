-- The manual order index of V14 began (owner_id, project_id, parent_id, position): for
-- the Inbox (project_id IS NULL) and root tasks (parent_id IS NULL), PostgreSQL does not
-- count an IS NULL test as fixing its column, so it could not read the index in position
-- order and sorted the whole list instead (bench/run.sh --scale, 2026-12-06: a project's
-- root tasks in manual order took 0.69 ms at 1,000 tasks and 85 ms at 1,000,000). Keyed
-- by COALESCE(..., 0), which no id takes, every list is an equality the index can follow.
DROP INDEX tasks_owner_manual_order_idx;
CREATE INDEX tasks_owner_manual_order_idx
    ON tasks (owner_id, (COALESCE(project_id, 0)), (COALESCE(parent_id, 0)),
              (COALESCE(position, lpad(to_hex(id), 16, '0') || '1') COLLATE "C"), id);
