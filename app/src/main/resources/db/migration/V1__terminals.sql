-- Registered terminals. The POS key is stored sealed (AES-GCM under the master key), never plain.
CREATE TABLE terminal (
    id              VARCHAR(40)              NOT NULL PRIMARY KEY,
    name            VARCHAR(100)             NOT NULL,
    host            VARCHAR(255)             NOT NULL,
    port            INTEGER                  NOT NULL,
    transport       VARCHAR(10)              NOT NULL,
    encryption      BOOLEAN                  NOT NULL,
    pos_key_sealed  VARCHAR(512)             NOT NULL,
    model           VARCHAR(20)              NOT NULL,
    app_version     VARCHAR(20),
    store_id        VARCHAR(64),
    device_id       VARCHAR(64),
    tcp_framing     VARCHAR(20)              NOT NULL,
    status          VARCHAR(30)              NOT NULL,
    status_detail   VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT                   NOT NULL
);

CREATE UNIQUE INDEX terminal_device_id_uq ON terminal (device_id);
CREATE INDEX terminal_store_idx ON terminal (store_id, id);
