-- API keys: only the SHA-256 of the key is stored; the key itself is shown once at creation.
CREATE TABLE api_key (
    id               VARCHAR(40)              NOT NULL PRIMARY KEY,
    name             VARCHAR(100)             NOT NULL,
    key_hash         VARCHAR(64)              NOT NULL,
    key_prefix       VARCHAR(16)              NOT NULL,
    role             VARCHAR(10)              NOT NULL,
    scope_stores     VARCHAR(4000),
    scope_terminals  VARCHAR(4000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at       TIMESTAMP WITH TIME ZONE
);

CREATE UNIQUE INDEX api_key_hash_uq ON api_key (key_hash);
