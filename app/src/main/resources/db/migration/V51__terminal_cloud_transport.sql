-- The ECR cloud transport (issue #14, ADR 0022). A CLOUD terminal is named by its device_id (termid in
-- QFPay's cloud) and stored with an empty host and port 0; transport 'CLOUD' fits VARCHAR(10). A LAN
-- terminal with cloud_fallback pushes a payment that was provably not sent over the LAN through the
-- cloud, once.
ALTER TABLE terminal ADD COLUMN cloud_fallback BOOLEAN DEFAULT FALSE NOT NULL;
