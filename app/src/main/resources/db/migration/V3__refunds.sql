-- Refunds of payments (through the terminal, or external ones learned from notifications).
CREATE TABLE refund (
    id                  VARCHAR(64)              NOT NULL PRIMARY KEY,
    payment_id          VARCHAR(64)              NOT NULL REFERENCES payment (id),
    terminal_id         VARCHAR(40)              NOT NULL,
    amount_minor        BIGINT                   NOT NULL,
    currency            VARCHAR(3)               NOT NULL,
    external            BOOLEAN                  NOT NULL,
    status              VARCHAR(20)              NOT NULL,
    syssn               VARCHAR(64),
    failure_reason      VARCHAR(40),
    failure_code        VARCHAR(20),
    failure_message     VARCHAR(2000),
    sent_at             TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    review_note         VARCHAR(2000),
    reconcile_attempts  INTEGER                  DEFAULT 0 NOT NULL,
    next_reconcile_at   TIMESTAMP WITH TIME ZONE,
    version             BIGINT                   NOT NULL
);

CREATE INDEX refund_payment_idx ON refund (payment_id, created_at);
CREATE INDEX refund_syssn_idx ON refund (syssn);
CREATE INDEX refund_status_idx ON refund (status, created_at);
