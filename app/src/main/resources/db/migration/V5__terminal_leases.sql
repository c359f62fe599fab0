-- Per-terminal single flight across hub instances: a row per held lease, taken and renewed with
-- conditional UPDATE/INSERT, expiring so a crashed instance cannot wedge a terminal.
CREATE TABLE terminal_lease (
    terminal_id  VARCHAR(40)              NOT NULL PRIMARY KEY,
    holder       VARCHAR(200)             NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
