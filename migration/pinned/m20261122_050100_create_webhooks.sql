-- The SQL m20261122_050100_create_webhooks runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "webhook_status" AS ENUM ('active', 'paused', 'disabled');
-- @statement
CREATE TABLE "webhooks" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "url" text NOT NULL, "events" jsonb NOT NULL DEFAULT ('[]'), "secret_hash" text NOT NULL, "status" webhook_status NOT NULL DEFAULT ('active'), "failure_count" bigint NOT NULL DEFAULT (0), "last_delivery_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_webhooks" PRIMARY KEY ("id"), CONSTRAINT "fk_webhooks_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_webhooks_url_http" CHECK (url LIKE 'https://%' OR url LIKE 'http://%'), CONSTRAINT "ck_webhooks_secret_hash" CHECK (secret_hash ~ '^[0-9a-f]{64}$'), CONSTRAINT "ck_webhooks_failure_count_non_negative" CHECK (failure_count >= 0) );
-- @statement
CREATE INDEX "idx_webhooks_tenant_id" ON "webhooks" ("tenant_id");
-- @statement
ALTER TABLE "webhooks" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "webhooks" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "webhooks" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_webhooks_updated_at" BEFORE UPDATE ON "webhooks" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "webhooks" IS 'A URL a tenant has registered to be sent its events (those listed in events). The signing secret is shown once at creation; only its SHA-256 is stored.';
-- @statement
COMMENT ON COLUMN "webhooks"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "webhooks"."url" IS 'Where deliveries are POSTed (http or https).';
-- @statement
COMMENT ON COLUMN "webhooks"."events" IS 'Typed: entity::json::WebhookEvents.';
-- @statement
COMMENT ON COLUMN "webhooks"."secret_hash" IS 'Lower-case hex SHA-256 of the signing secret.';
-- @statement
COMMENT ON COLUMN "webhooks"."failure_count" IS 'Consecutive failed deliveries; reset by a successful one.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "webhooks";
-- @statement
DROP TYPE "webhook_status";

-- @sqlite up
-- @statement
CREATE TABLE "webhooks" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "url" text NOT NULL, "events" jsonb_text NOT NULL DEFAULT ('[]'), "secret_hash" text NOT NULL, "status" text NOT NULL DEFAULT ('active'), "failure_count" integer NOT NULL DEFAULT (0), "last_delivery_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_webhooks" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_webhooks_url_http" CHECK (url LIKE 'https://%' OR url LIKE 'http://%'), CONSTRAINT "ck_webhooks_secret_hash" CHECK (length(secret_hash) = 64 AND secret_hash NOT GLOB '*[^0-9a-f]*'), CONSTRAINT "ck_webhooks_failure_count_non_negative" CHECK (failure_count >= 0), CONSTRAINT "ck_webhooks_status" CHECK ("status" IN ('active', 'paused', 'disabled')) );
-- @statement
CREATE INDEX "idx_webhooks_tenant_id" ON "webhooks" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "webhooks";
