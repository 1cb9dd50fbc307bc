SELECT id, title, description, completed, created_at, updated_at, completed_at, project_id, labels, priority,
       due_date, due_at, parent_id, (COALESCE(tasks.position, lpad(to_hex(tasks.id), 16, '0') || '1') COLLATE "C") AS position,
       recurrence_rule, recurrence_from, reminders, subtasks_open, subtasks_total, version
FROM tasks WHERE owner_id = 1 ORDER BY id ASC LIMIT 50 + 1;
