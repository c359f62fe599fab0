-- Per-terminal TLS leaf pins: the approved leaf and a different one awaiting operator approval.
CREATE TABLE certificate_pin (
    terminal_id         VARCHAR(40)              NOT NULL PRIMARY KEY,
    pinned_sha256       VARCHAR(64),
    pinned_subject      VARCHAR(1000),
    pinned_issuer       VARCHAR(1000),
    pinned_sans         VARCHAR(4000),
    pinned_not_before   TIMESTAMP WITH TIME ZONE,
    pinned_not_after    TIMESTAMP WITH TIME ZONE,
    pinned_at           TIMESTAMP WITH TIME ZONE,
    pending_sha256      VARCHAR(64),
    pending_subject     VARCHAR(1000),
    pending_issuer      VARCHAR(1000),
    pending_sans        VARCHAR(4000),
    pending_not_before  TIMESTAMP WITH TIME ZONE,
    pending_not_after   TIMESTAMP WITH TIME ZONE,
    pending_since       TIMESTAMP WITH TIME ZONE
);
