-- Diagnostics runs (checks as JSON, never a secret) and the addresses terminals were seen at.
CREATE TABLE diagnostic_run (
    id           VARCHAR(40)              NOT NULL PRIMARY KEY,
    terminal_id  VARCHAR(40)              NOT NULL,
    target       VARCHAR(300)             NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    overall      VARCHAR(10)              NOT NULL,
    checks       VARCHAR(1000000)         NOT NULL
);
CREATE INDEX diagnostic_run_terminal_idx ON diagnostic_run (terminal_id, at);

CREATE TABLE terminal_address (
    terminal_id  VARCHAR(40)              NOT NULL,
    ip           VARCHAR(255)             NOT NULL,
    mac          VARCHAR(32),
    first_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (terminal_id, ip)
);
