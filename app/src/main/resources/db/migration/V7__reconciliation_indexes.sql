-- Reconciliation looks for IN_PROGRESS rows and UNKNOWN rows whose next attempt is due.
CREATE INDEX payment_reconcile_idx ON payment (status, next_reconcile_at);
CREATE INDEX refund_reconcile_idx ON refund (status, next_reconcile_at);
