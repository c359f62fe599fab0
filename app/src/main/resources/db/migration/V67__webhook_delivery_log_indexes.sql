-- The console's webhooks page (#17) reads the delivery log newest first filtered by status alone
-- (the failed ones; "replay every failed delivery" pages through them the same way) or by
-- subscription alone: both orders come straight from an index instead of a sort.
CREATE INDEX webhook_outbox_status_created_idx ON webhook_outbox (status, created_at, id);
CREATE INDEX webhook_outbox_sub_created_idx ON webhook_outbox (subscription_id, created_at, id);
