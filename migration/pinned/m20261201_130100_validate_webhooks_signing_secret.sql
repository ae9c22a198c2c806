-- The SQL m20261201_130100_validate_webhooks_signing_secret runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
ALTER TABLE "webhooks" VALIDATE CONSTRAINT "ck_webhooks_signing_secret_sealed";

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
ALTER TABLE "webhooks" DROP CONSTRAINT "ck_webhooks_signing_secret_sealed";
-- @statement
ALTER TABLE "webhooks" ADD CONSTRAINT "ck_webhooks_signing_secret_sealed" CHECK (signing_secret IS NULL OR signing_secret LIKE 'v1:%:%:%') NOT VALID;

-- @sqlite up

-- @sqlite down
