-- The SQL m20261201_130000_add_webhooks_signing_secret runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
ALTER TABLE "webhooks" ADD COLUMN "signing_secret" text;
-- @statement
ALTER TABLE "webhooks" ADD CONSTRAINT "ck_webhooks_signing_secret_sealed" CHECK (signing_secret IS NULL OR signing_secret LIKE 'v1:%:%:%') NOT VALID;
-- @statement
COMMENT ON COLUMN "webhooks"."signing_secret" IS 'The signing secret, sealed (v1:<key id>:<nonce>:<ciphertext>, AES-256-GCM under APP_ENCRYPTION_KEY) so deliveries can be signed with HMAC-SHA256; NULL for webhooks created before it was stored, whose secret must be re-issued.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
ALTER TABLE "webhooks" DROP CONSTRAINT "ck_webhooks_signing_secret_sealed";
-- @statement
ALTER TABLE "webhooks" DROP COLUMN "signing_secret";

-- @sqlite up
-- @statement
ALTER TABLE "webhooks" ADD COLUMN "signing_secret" text CONSTRAINT "ck_webhooks_signing_secret_sealed" CHECK (signing_secret IS NULL OR signing_secret LIKE 'v1:%:%:%');

-- @sqlite down
-- @statement
ALTER TABLE "webhooks" DROP COLUMN "signing_secret";
