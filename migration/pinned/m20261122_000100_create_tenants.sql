-- The SQL m20261122_000100_create_tenants runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "tenant_status" AS ENUM ('pending', 'active', 'suspended', 'churned');
-- @statement
CREATE TYPE "tenant_tier" AS ENUM ('free', 'pro', 'enterprise');
-- @statement
CREATE TABLE "tenants" ( "id" uuid NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "domain" text, "description" text, "status" tenant_status NOT NULL DEFAULT ('pending'), "tier" tenant_tier NOT NULL DEFAULT ('free'), "settings" jsonb NOT NULL DEFAULT ('{}'), "max_users" bigint NOT NULL DEFAULT (10), "max_reports" bigint NOT NULL DEFAULT (100), "storage_limit_gb" bigint NOT NULL DEFAULT (5), "subscription_expires_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_tenants" PRIMARY KEY ("id"), CONSTRAINT "ck_tenants_slug" CHECK (slug ~ '^[a-z0-9-]{3,50}$'), CONSTRAINT "ck_tenants_domain" CHECK (domain IS NULL OR domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'), CONSTRAINT "ck_tenants_limits_non_negative" CHECK (max_users >= 0 AND max_reports >= 0 AND storage_limit_gb >= 0), CONSTRAINT "ck_tenants_name_length" CHECK (length("name") <= 200), CONSTRAINT "ck_tenants_domain_length" CHECK (length("domain") <= 253) );
-- @statement
CREATE UNIQUE INDEX "uq_tenants_slug" ON "tenants" ("slug");
-- @statement
CREATE UNIQUE INDEX "uq_tenants_name" ON "tenants" ("name");
-- @statement
CREATE INDEX "idx_tenants_status" ON "tenants" ("status");
-- @statement
CREATE TRIGGER "trg_tenants_updated_at" BEFORE UPDATE ON "tenants" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "tenants" IS 'A customer organisation of the platform: the owner of every tenant-scoped row.';
-- @statement
COMMENT ON COLUMN "tenants"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "tenants"."slug" IS 'URL-safe handle: 3 to 50 of a-z, 0-9 and ''-''.';
-- @statement
COMMENT ON COLUMN "tenants"."domain" IS 'The tenant''s own DNS domain, if any.';
-- @statement
COMMENT ON COLUMN "tenants"."settings" IS 'Typed: entity::json::TenantSettings.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "tenants";
-- @statement
DROP TYPE "tenant_tier";
-- @statement
DROP TYPE "tenant_status";

-- @sqlite up
-- @statement
CREATE TABLE "tenants" ( "id" uuid_text NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "domain" text, "description" text, "status" text NOT NULL DEFAULT ('pending'), "tier" text NOT NULL DEFAULT ('free'), "settings" jsonb_text NOT NULL DEFAULT ('{}'), "max_users" integer NOT NULL DEFAULT (10), "max_reports" integer NOT NULL DEFAULT (100), "storage_limit_gb" integer NOT NULL DEFAULT (5), "subscription_expires_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_tenants" PRIMARY KEY ("id"), CONSTRAINT "ck_tenants_slug" CHECK (length(slug) BETWEEN 3 AND 50 AND slug NOT GLOB '*[^a-z0-9-]*'), CONSTRAINT "ck_tenants_domain" CHECK (domain IS NULL OR (domain GLOB '*?.?*' AND domain NOT GLOB '*[^a-z0-9.-]*' AND domain NOT GLOB '.*' AND domain NOT GLOB '*.' AND domain NOT GLOB '*..*')), CONSTRAINT "ck_tenants_limits_non_negative" CHECK (max_users >= 0 AND max_reports >= 0 AND storage_limit_gb >= 0), CONSTRAINT "ck_tenants_name_length" CHECK (length("name") <= 200), CONSTRAINT "ck_tenants_domain_length" CHECK (length("domain") <= 253), CONSTRAINT "ck_tenants_status" CHECK ("status" IN ('pending', 'active', 'suspended', 'churned')), CONSTRAINT "ck_tenants_tier" CHECK ("tier" IN ('free', 'pro', 'enterprise')) );
-- @statement
CREATE UNIQUE INDEX "uq_tenants_slug" ON "tenants" ("slug");
-- @statement
CREATE UNIQUE INDEX "uq_tenants_name" ON "tenants" ("name");
-- @statement
CREATE INDEX "idx_tenants_status" ON "tenants" ("status");

-- @sqlite down
-- @statement
DROP TABLE "tenants";
