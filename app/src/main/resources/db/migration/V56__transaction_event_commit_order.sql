-- Commit-ordered event ids (ADR 0025). A transaction writes its events as its last statements,
-- right before it commits, holding a lock until the commit: on PostgreSQL a transaction-level
-- advisory lock, on H2 (no advisory locks) this one row, locked FOR UPDATE. Ids are therefore
-- allocated in commit order, and a stream that resumes after id N never misses an event that commits
-- later with a lower id (the gap ADR 0005 admitted).
CREATE TABLE transaction_event_order (
    id INT PRIMARY KEY
);

INSERT INTO transaction_event_order (id) VALUES (1);
