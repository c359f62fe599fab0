-- Secret rotation with an overlap window (ADR 0026): the secret a rotation replaced keeps signing,
-- next to the new one, until previous_secret_until; sealed for this row and column like sealed_secret.
ALTER TABLE webhook_subscription ADD COLUMN previous_sealed_secret VARCHAR(2000);
ALTER TABLE webhook_subscription ADD COLUMN previous_secret_until TIMESTAMP WITH TIME ZONE;
