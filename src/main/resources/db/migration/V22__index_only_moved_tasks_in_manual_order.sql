-- The manual order index held every task, keyed for one never moved by an expression of
-- its id, so every create computed that key and wrote an entry. Only moved tasks have a
-- position of their own; the others are in manual order when read by id, through the
-- indexes by project and by parent, and a page in manual order merges the two reads
-- (TaskRepository.positionedRows). Creates now write no entry here.
DROP INDEX tasks_owner_manual_order_idx;
CREATE INDEX tasks_owner_moved_order_idx
    ON tasks (owner_id, (COALESCE(project_id, 0)), (COALESCE(parent_id, 0)), (position COLLATE "C"), id)
    WHERE position IS NOT NULL;
