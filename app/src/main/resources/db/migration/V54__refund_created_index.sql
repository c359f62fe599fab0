-- Issue #14 use 5 (ADR 0023): the daily statement reads the refunds created in a time window (payments
-- have payment_created_idx already).
CREATE INDEX refund_created_idx ON refund (created_at, id);
