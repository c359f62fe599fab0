-- QFPay cloud accounts per store (issue #14, ADR 0028): at most one per store; a store without one
-- uses the default account from configuration (ecrhub.qfpay.cloud.*). Either the environment name or
-- the base URL is set. The client key is stored only sealed, bound to this row and column
-- (store_cloud_account.client_key_sealed[id], ADR 0011), and re-sealed on master-key rotation.
CREATE TABLE store_cloud_account (
    id                 VARCHAR(40)              NOT NULL PRIMARY KEY,
    store_id           VARCHAR(64)              NOT NULL,
    environment        VARCHAR(20),
    base_url           VARCHAR(500),
    app_code           VARCHAR(64)              NOT NULL,
    mchid              VARCHAR(64),
    sign_type          VARCHAR(10)              NOT NULL,
    client_key_sealed  VARCHAR(2000)            NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT                   NOT NULL
);

CREATE UNIQUE INDEX store_cloud_account_store_uq ON store_cloud_account (store_id);
