-- Issue #14 use 3 (ADR 0021): which way the hub sent a refund, TERMINAL or CLOUD (NULL for a refund
-- done outside the hub and learned from a notification), and a cloud refund's own out_trade_no
-- (EHR + its id, at most 64 characters like the payment's).
ALTER TABLE refund ADD COLUMN route VARCHAR(10);
ALTER TABLE refund ADD COLUMN out_trade_no VARCHAR(64);
UPDATE refund SET route = 'TERMINAL' WHERE external = FALSE;
