-- Rejected requests to /qfpay/notify are stored only as bounded samples (ADR 0009): at most the
-- first 2 KiB of the body in raw_body, with the length and SHA-256 of the whole body as received.
-- Null for rows stored whole (verified notifications, and rejected ones from before V47).
ALTER TABLE notification_inbox ADD COLUMN body_length INTEGER;
ALTER TABLE notification_inbox ADD COLUMN body_sha256 VARCHAR(64);
