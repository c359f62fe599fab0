-- What vouches for a settled payment or refund (ADR 0007): terminal_tls, terminal_plain,
-- terminal_serial, notification, query, cloud (stored as the enum name, at most 15 characters),
-- and whether the settlement still waits for QFPay's confirmation. Rows settled before this
-- migration keep confirmed_by NULL (not recorded).
ALTER TABLE payment ADD COLUMN confirmed_by VARCHAR(20);
ALTER TABLE payment ADD COLUMN confirmation_pending BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE refund ADD COLUMN confirmed_by VARCHAR(20);
ALTER TABLE refund ADD COLUMN confirmation_pending BOOLEAN DEFAULT FALSE NOT NULL;
