-- Issue #14 use 5 (ADR 0023): the nightly statement's runs, the hub's ledger against QFPay's cloud for one
-- business day. A run keeps its counts and the lines that did not match (matched lines are only counted).
CREATE TABLE settlement_run (
    id              VARCHAR(40) PRIMARY KEY,
    business_date   DATE NOT NULL,
    zone            VARCHAR(64) NOT NULL,
    ran_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    status          VARCHAR(16) NOT NULL,
    matched         INTEGER NOT NULL,
    amount_differs  INTEGER NOT NULL,
    only_at_qfpay   INTEGER NOT NULL,
    only_in_hub     INTEGER NOT NULL,
    detail          VARCHAR(500)
);
CREATE INDEX settlement_run_ran_idx ON settlement_run (ran_at, id);

-- One line that did not match. Amounts in minor units with their own currency per side (QFPay's may
-- differ from the hub's); identifiers as long as QFPay allows (String(128), §8.3).
CREATE TABLE settlement_line (
    run_id          VARCHAR(40) NOT NULL REFERENCES settlement_run (id) ON DELETE CASCADE,
    line_no         INTEGER NOT NULL,
    outcome         VARCHAR(16) NOT NULL,
    kind            VARCHAR(8) NOT NULL,
    hub_id          VARCHAR(64),
    terminal_id     VARCHAR(64),
    out_trade_no    VARCHAR(128),
    syssn           VARCHAR(128),
    hub_status      VARCHAR(16),
    hub_minor       BIGINT,
    hub_currency    VARCHAR(3),
    cloud_respcd    VARCHAR(8),
    cloud_minor     BIGINT,
    cloud_currency  VARCHAR(3),
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, line_no)
);
