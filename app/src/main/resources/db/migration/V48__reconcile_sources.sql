-- Issue #14 (ADR 0015): which sources reconciliation asked last (the terminal, QFPay's cloud) and what
-- each said, one "source: answer" per line; NULL until reconciliation asks anything.
ALTER TABLE payment ADD COLUMN reconcile_sources VARCHAR(500);
ALTER TABLE refund ADD COLUMN reconcile_sources VARCHAR(500);
