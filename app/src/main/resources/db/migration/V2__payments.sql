-- Payments. Amounts are exact minor units (cents) with their ISO 4217 currency; never floating point.
CREATE TABLE payment (
    id                  VARCHAR(64)              NOT NULL PRIMARY KEY,
    terminal_id         VARCHAR(40)              NOT NULL,
    amount_minor        BIGINT                   NOT NULL,
    currency            VARCHAR(3)               NOT NULL,
    channel             VARCHAR(20)              NOT NULL,
    out_trade_no        VARCHAR(64)              NOT NULL,
    reference           VARCHAR(64),
    idempotency_key     VARCHAR(200),
    request_fingerprint VARCHAR(500),
    status              VARCHAR(20)              NOT NULL,
    syssn               VARCHAR(64),
    refunded_minor      BIGINT                   NOT NULL,
    card_scheme         VARCHAR(40),
    masked_card_number  VARCHAR(40),
    failure_reason      VARCHAR(40),
    failure_code        VARCHAR(20),
    failure_message     VARCHAR(2000),
    sent_at             TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    review_note         VARCHAR(2000),
    -- reconciliation bookkeeping (how often the terminal was asked, when to ask next)
    reconcile_attempts  INTEGER                  DEFAULT 0 NOT NULL,
    next_reconcile_at   TIMESTAMP WITH TIME ZONE,
    version             BIGINT                   NOT NULL
);

CREATE UNIQUE INDEX payment_out_trade_no_uq ON payment (out_trade_no);
CREATE UNIQUE INDEX payment_idempotency_key_uq ON payment (idempotency_key);
CREATE INDEX payment_syssn_idx ON payment (syssn);
CREATE INDEX payment_status_idx ON payment (status, created_at);
CREATE INDEX payment_created_idx ON payment (created_at, id);
CREATE INDEX payment_terminal_created_idx ON payment (terminal_id, created_at, id);
