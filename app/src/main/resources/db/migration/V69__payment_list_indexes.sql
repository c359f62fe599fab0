-- Issue #17 (the console's payments page): the payments list and its CSV export filter by status, by
-- terminal and status, and by store (terminal_store_idx, V1), newest first by (created_at, id). These
-- indexes serve those filters in the list's own order, so a page is read from the index, not sorted.
CREATE INDEX payment_status_created_id_idx ON payment (status, created_at, id);
CREATE INDEX payment_terminal_status_created_idx ON payment (terminal_id, status, created_at, id);
