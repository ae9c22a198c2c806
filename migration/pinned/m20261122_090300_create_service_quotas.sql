-- The SQL m20261122_090300_create_service_quotas runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "service_quota_period" AS ENUM ('day', 'month', 'none');
-- @statement
CREATE TABLE "service_quotas" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "resource" text NOT NULL, "limit_value" bigint NOT NULL, "used_value" bigint NOT NULL DEFAULT (0), "period" service_quota_period NOT NULL DEFAULT ('month'), "resets_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_service_quotas" PRIMARY KEY ("id"), CONSTRAINT "fk_service_quotas_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_service_quotas_limit_value_non_negative" CHECK (limit_value >= 0), CONSTRAINT "ck_service_quotas_used_value_non_negative" CHECK (used_value >= 0), CONSTRAINT "ck_service_quotas_resets_at_iff_periodic" CHECK ((period <> 'none') = (resets_at IS NOT NULL)), CONSTRAINT "ck_service_quotas_resource_length" CHECK (length("resource") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_service_quotas_tenant_id_resource" ON "service_quotas" ("tenant_id", "resource");
-- @statement
ALTER TABLE "service_quotas" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "service_quotas" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "service_quotas" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_service_quotas_updated_at" BEFORE UPDATE ON "service_quotas" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "service_quotas" IS 'How much of one resource a tenant may use (limit_value) and has used (used_value) in the current period; usage resets at resets_at unless the period is none. One row per (tenant, resource).';
-- @statement
COMMENT ON COLUMN "service_quotas"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "service_quotas"."resource" IS 'What is limited, for example api_calls or storage_bytes.';
-- @statement
COMMENT ON COLUMN "service_quotas"."limit_value" IS 'The allowance, in the resource''s unit.';
-- @statement
COMMENT ON COLUMN "service_quotas"."used_value" IS 'Used so far in the current period, in the resource''s unit.';
-- @statement
COMMENT ON COLUMN "service_quotas"."resets_at" IS 'When used_value next resets; NULL exactly when period is none.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "service_quotas";
-- @statement
DROP TYPE "service_quota_period";

-- @sqlite up
-- @statement
CREATE TABLE "service_quotas" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "resource" text NOT NULL, "limit_value" integer NOT NULL, "used_value" integer NOT NULL DEFAULT (0), "period" text NOT NULL DEFAULT ('month'), "resets_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_service_quotas" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_service_quotas_limit_value_non_negative" CHECK (limit_value >= 0), CONSTRAINT "ck_service_quotas_used_value_non_negative" CHECK (used_value >= 0), CONSTRAINT "ck_service_quotas_resets_at_iff_periodic" CHECK ((period <> 'none') = (resets_at IS NOT NULL)), CONSTRAINT "ck_service_quotas_resource_length" CHECK (length("resource") <= 100), CONSTRAINT "ck_service_quotas_period" CHECK ("period" IN ('day', 'month', 'none')) );
-- @statement
CREATE UNIQUE INDEX "uq_service_quotas_tenant_id_resource" ON "service_quotas" ("tenant_id", "resource");

-- @sqlite down
-- @statement
DROP TABLE "service_quotas";
