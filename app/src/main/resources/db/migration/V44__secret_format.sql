-- Sealed secrets bind their AES-GCM associated data to table, column and row (ADR 0011).
-- A row here records that the start-up upgrade re-sealed every old-format value (v1, bound to
-- nothing) as v2; afterwards v1 values are refused, so an old value copied into a row later
-- cannot be laundered into that row by a re-seal.
CREATE TABLE secret_format (
    format        VARCHAR(40)              NOT NULL PRIMARY KEY,
    completed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
