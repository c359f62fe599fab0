-- QFPay notifications as received: the raw body bytes exactly as sent, the kept headers, the
-- sender's address and the verdict, committed before the hub answers. (type, syssn) is unique, so
-- two hub instances receiving the same notification at the same moment store it once.
CREATE TABLE notification_inbox (
    id              VARCHAR(40)              NOT NULL PRIMARY KEY,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    -- PAYMENT:<syssn> | REFUND:<syssn> | PREAUTH_RELEASE:<syssn>; null for rejected ones
    dedupe_key      VARCHAR(100),
    key_id          VARCHAR(64),
    -- what it refers to, for matching parked ones when their transaction appears
    trade_ref       VARCHAR(256),
    syssn_ref       VARCHAR(64),
    source_address  VARCHAR(64),
    headers         VARCHAR(20000)           NOT NULL,
    raw_body        BYTEA                    NOT NULL,
    note            VARCHAR(2000)
);

CREATE UNIQUE INDEX notification_inbox_dedupe_uq ON notification_inbox (dedupe_key);
CREATE INDEX notification_inbox_status_idx ON notification_inbox (status, received_at, id);
CREATE INDEX notification_inbox_received_idx ON notification_inbox (received_at, id);
CREATE INDEX notification_inbox_trade_ref_idx ON notification_inbox (trade_ref);
CREATE INDEX notification_inbox_syssn_ref_idx ON notification_inbox (syssn_ref);
