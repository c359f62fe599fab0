-- Notification keys (QFPay "client_key" / Odoo's "Notification Key"), sealed with the master key.
-- Several are active at once: one per merchant / app code, old and new during a rotation.
CREATE TABLE notification_key (
    id           VARCHAR(64)              NOT NULL PRIMARY KEY,
    sealed_key   VARCHAR(2000)            NOT NULL,
    -- comma-separated routing tokens (merchant / app code / out_trade_no prefix); empty = any
    routes       VARCHAR(2000)            NOT NULL,
    description  VARCHAR(200),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
