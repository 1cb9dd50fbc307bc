SELECT id, title, description, completed, created_at, updated_at, completed_at FROM tasks ORDER BY id ASC LIMIT 51;
