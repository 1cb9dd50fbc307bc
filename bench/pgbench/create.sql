INSERT INTO tasks (title, description) VALUES ('Benchmark task', NULL)
RETURNING id, title, description, completed, created_at, updated_at, completed_at;
