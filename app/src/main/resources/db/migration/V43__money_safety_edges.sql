-- Money-safety edges (issue #12 section 4).

-- Failure codes hold NotSentCause names (CERTIFICATE_UNTRUSTED is 21 characters) and the
-- terminal's own codes: 20 was too narrow, and a payment refused before sending was then never
-- recorded (it ended UNKNOWN as if the hub had restarted). ColumnFitTest keeps this honest.
ALTER TABLE payment ALTER COLUMN failure_code SET DATA TYPE VARCHAR(64);
ALTER TABLE refund ALTER COLUMN failure_code SET DATA TYPE VARCHAR(64);

-- The currencies a terminal's merchant takes (ISO 4217 codes, comma-separated); NULL means the
-- hub-wide default (ecrhub.transactions.currencies, HKD unless configured).
ALTER TABLE terminal ADD COLUMN currencies VARCHAR(200);

-- What an Idempotency-Key already stands for, per API key and operation (refund, cancel,
-- receipt, summary). The row is claimed before the terminal is asked, so a retry never acts twice;
-- it holds the resource the first request created or the answer it got.
CREATE TABLE idempotent_request (
    operation        VARCHAR(40)              NOT NULL,
    scoped_key       VARCHAR(200)             NOT NULL,
    fingerprint      VARCHAR(500)             NOT NULL,
    resource_id      VARCHAR(64),
    response_status  INTEGER,
    response_type    VARCHAR(100),
    response_body    VARCHAR(8000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (operation, scoped_key)
);
CREATE INDEX idempotent_request_created_idx ON idempotent_request (created_at);
