-- Limits counted across every instance on this database (docs/design/scale-out.md):
-- the per-user rate limit, and the failed-password, bad-token and sign-up limits.

-- One row per user whose requests were counted lately (user_id, not owner_id: the row is
-- the instances' bookkeeping, not the user's data; it stays on the coordinator of a
-- distributed database, docs/design/scale-out.md): the theoretical arrival time of
-- the generic cell rate algorithm. Each request moves it 1/rate seconds on from
-- greatest(ready_at, now()), so the bucket is full again once ready_at has passed, and
-- a row past it means no more than no row. Instances add what they let through in the
-- background, a tenth of a second at a time, never one request at a time.
CREATE TABLE rate_limit_buckets (
    user_id  bigint      PRIMARY KEY,
    ready_at timestamptz NOT NULL
);

-- The instances that counted requests in the last second: each takes its share of a
-- user's bucket between two reconciliations.
CREATE TABLE limit_instances (
    instance_id uuid        PRIMARY KEY,
    seen_at     timestamptz NOT NULL
);

-- Failed attempts per key (a client address, for passwords, unknown tokens and sign-ups)
-- in fixed windows. The key is stored hashed: addresses need not sit in the database.
CREATE TABLE attempt_windows (
    kind       text        NOT NULL,
    key_hash   bytea       NOT NULL,
    started_at timestamptz NOT NULL,
    attempts   integer     NOT NULL,
    PRIMARY KEY (kind, key_hash)
);
