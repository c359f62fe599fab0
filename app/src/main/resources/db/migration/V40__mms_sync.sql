-- MMS configuration sync: syncs held for review, the audit log, and what MMS last said per device.
-- A held sync carries new POS keys: its changes are stored only sealed (AES-GCM, master key).
CREATE TABLE mms_held_sync (
    id              VARCHAR(40)              NOT NULL PRIMARY KEY,
    source          VARCHAR(300)             NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status          VARCHAR(20)              NOT NULL,
    changes_sealed  VARCHAR(1000000)         NOT NULL,
    row_errors      VARCHAR(1000000)         NOT NULL,
    resolved_by     VARCHAR(200),
    resolved_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX mms_held_sync_status_idx ON mms_held_sync (status, created_at);

CREATE TABLE mms_config_audit (
    id           VARCHAR(40)              NOT NULL PRIMARY KEY,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    seq          BIGINT                   NOT NULL,
    sync_id      VARCHAR(40),
    source       VARCHAR(300),
    actor        VARCHAR(200),
    action       VARCHAR(20)              NOT NULL,
    device_id    VARCHAR(64),
    terminal_id  VARCHAR(40),
    changes      VARCHAR(300),
    detail       VARCHAR(4000)
);
CREATE INDEX mms_config_audit_at_idx ON mms_config_audit (at, seq);

CREATE TABLE mms_device_setting (
    device_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
    https       BOOLEAN                  NOT NULL,
    encryption  BOOLEAN                  NOT NULL,
    source      VARCHAR(300)             NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
