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
COMMENT ON COLUMN "webhooks"."signing_secret" IS 'The signing secret, sealed (v1:<key id>:<nonce>:<ciphertext>, AES-256-GCM under APP_ENCRYPTION_KEY) so deliveries can be signed with HMAC-SHA256; NULL for webhooks created before it was stored, whose secret must be re-issued.';
-- @statement
ALTER TABLE "webhooks" ADD CONSTRAINT "ck_webhooks_signing_secret_sealed" CHECK (signing_secret IS NULL OR signing_secret LIKE 'v1:%:%:%') NOT VALID;

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
PRAGMA legacy_alter_table = ON;
-- @statement
CREATE TABLE "webhooks__rebuild" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "url" text NOT NULL, "events" jsonb_text NOT NULL DEFAULT ('[]'), "secret_hash" text NOT NULL, "status" text NOT NULL DEFAULT ('active'), "failure_count" integer NOT NULL DEFAULT (0), "last_delivery_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "signing_secret" text, CONSTRAINT "pk_webhooks" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_webhooks_url_http" CHECK (url LIKE 'https://%' OR url LIKE 'http://%'), CONSTRAINT "ck_webhooks_secret_hash" CHECK (length(secret_hash) = 64 AND secret_hash NOT GLOB '*[^0-9a-f]*'), CONSTRAINT "ck_webhooks_failure_count_non_negative" CHECK (failure_count >= 0), CONSTRAINT "ck_webhooks_status" CHECK ("status" IN ('active', 'paused', 'disabled')) );
-- @statement
INSERT INTO "webhooks__rebuild" ("id", "tenant_id", "url", "events", "secret_hash", "status", "failure_count", "last_delivery_at", "created_at", "updated_at") SELECT "id", "tenant_id", "url", "events", "secret_hash", "status", "failure_count", "last_delivery_at", "created_at", "updated_at" FROM "webhooks";
-- @statement
DROP TABLE "webhooks";
-- @statement
ALTER TABLE "webhooks__rebuild" RENAME TO "webhooks";
-- @statement
CREATE INDEX "idx_webhooks_tenant_id" ON "webhooks" ("tenant_id");
-- @statement
PRAGMA legacy_alter_table = OFF;
-- @statement
PRAGMA legacy_alter_table = ON;
-- @statement
CREATE TABLE "webhooks__rebuild" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "url" text NOT NULL, "events" jsonb_text NOT NULL DEFAULT ('[]'), "secret_hash" text NOT NULL, "status" text NOT NULL DEFAULT ('active'), "failure_count" integer NOT NULL DEFAULT (0), "last_delivery_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "signing_secret" text, CONSTRAINT "pk_webhooks" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_webhooks_url_http" CHECK (url LIKE 'https://%' OR url LIKE 'http://%'), CONSTRAINT "ck_webhooks_secret_hash" CHECK (length(secret_hash) = 64 AND secret_hash NOT GLOB '*[^0-9a-f]*'), CONSTRAINT "ck_webhooks_failure_count_non_negative" CHECK (failure_count >= 0), CONSTRAINT "ck_webhooks_signing_secret_sealed" CHECK (signing_secret IS NULL OR signing_secret LIKE 'v1:%:%:%'), CONSTRAINT "ck_webhooks_status" CHECK ("status" IN ('active', 'paused', 'disabled')) );
-- @statement
INSERT INTO "webhooks__rebuild" ("id", "tenant_id", "url", "events", "secret_hash", "status", "failure_count", "last_delivery_at", "created_at", "updated_at", "signing_secret") SELECT "id", "tenant_id", "url", "events", "secret_hash", "status", "failure_count", "last_delivery_at", "created_at", "updated_at", "signing_secret" FROM "webhooks";
-- @statement
DROP TABLE "webhooks";
-- @statement
ALTER TABLE "webhooks__rebuild" RENAME TO "webhooks";
-- @statement
CREATE INDEX "idx_webhooks_tenant_id" ON "webhooks" ("tenant_id");
-- @statement
PRAGMA legacy_alter_table = OFF;

-- @sqlite down
-- @statement
PRAGMA legacy_alter_table = ON;
-- @statement
CREATE TABLE "webhooks__rebuild" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "url" text NOT NULL, "events" jsonb_text NOT NULL DEFAULT ('[]'), "secret_hash" text NOT NULL, "status" text NOT NULL DEFAULT ('active'), "failure_count" integer NOT NULL DEFAULT (0), "last_delivery_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "signing_secret" text, CONSTRAINT "pk_webhooks" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_webhooks_url_http" CHECK (url LIKE 'https://%' OR url LIKE 'http://%'), CONSTRAINT "ck_webhooks_secret_hash" CHECK (length(secret_hash) = 64 AND secret_hash NOT GLOB '*[^0-9a-f]*'), CONSTRAINT "ck_webhooks_failure_count_non_negative" CHECK (failure_count >= 0), CONSTRAINT "ck_webhooks_status" CHECK ("status" IN ('active', 'paused', 'disabled')) );
-- @statement
INSERT INTO "webhooks__rebuild" ("id", "tenant_id", "url", "events", "secret_hash", "status", "failure_count", "last_delivery_at", "created_at", "updated_at", "signing_secret") SELECT "id", "tenant_id", "url", "events", "secret_hash", "status", "failure_count", "last_delivery_at", "created_at", "updated_at", "signing_secret" FROM "webhooks";
-- @statement
DROP TABLE "webhooks";
-- @statement
ALTER TABLE "webhooks__rebuild" RENAME TO "webhooks";
-- @statement
CREATE INDEX "idx_webhooks_tenant_id" ON "webhooks" ("tenant_id");
-- @statement
PRAGMA legacy_alter_table = OFF;
-- @statement
PRAGMA legacy_alter_table = ON;
-- @statement
CREATE TABLE "webhooks__rebuild" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "url" text NOT NULL, "events" jsonb_text NOT NULL DEFAULT ('[]'), "secret_hash" text NOT NULL, "status" text NOT NULL DEFAULT ('active'), "failure_count" integer NOT NULL DEFAULT (0), "last_delivery_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_webhooks" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_webhooks_url_http" CHECK (url LIKE 'https://%' OR url LIKE 'http://%'), CONSTRAINT "ck_webhooks_secret_hash" CHECK (length(secret_hash) = 64 AND secret_hash NOT GLOB '*[^0-9a-f]*'), CONSTRAINT "ck_webhooks_failure_count_non_negative" CHECK (failure_count >= 0), CONSTRAINT "ck_webhooks_status" CHECK ("status" IN ('active', 'paused', 'disabled')) );
-- @statement
INSERT INTO "webhooks__rebuild" ("id", "tenant_id", "url", "events", "secret_hash", "status", "failure_count", "last_delivery_at", "created_at", "updated_at") SELECT "id", "tenant_id", "url", "events", "secret_hash", "status", "failure_count", "last_delivery_at", "created_at", "updated_at" FROM "webhooks";
-- @statement
DROP TABLE "webhooks";
-- @statement
ALTER TABLE "webhooks__rebuild" RENAME TO "webhooks";
-- @statement
CREATE INDEX "idx_webhooks_tenant_id" ON "webhooks" ("tenant_id");
-- @statement
PRAGMA legacy_alter_table = OFF;
