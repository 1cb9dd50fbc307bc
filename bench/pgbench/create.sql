INSERT INTO tasks (owner_id, title, description) VALUES (1, 'Benchmark task', NULL)
RETURNING id, title, description, completed, created_at, updated_at, completed_at;
