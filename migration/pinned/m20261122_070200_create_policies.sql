-- The SQL m20261122_070200_create_policies runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "policy_kind" AS ENUM ('security', 'retention', 'access', 'privacy');
-- @statement
CREATE TYPE "policy_status" AS ENUM ('draft', 'active', 'retired');
-- @statement
CREATE TABLE "policies" ( "id" uuid NOT NULL, "tenant_id" uuid, "name" text NOT NULL, "description" text, "kind" policy_kind NOT NULL, "rules" jsonb NOT NULL DEFAULT ('{}'), "status" policy_status NOT NULL DEFAULT ('draft'), "version" bigint NOT NULL DEFAULT (1), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_policies" PRIMARY KEY ("id"), CONSTRAINT "fk_policies_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_policies_name_not_blank" CHECK (length(trim(name)) > 0), CONSTRAINT "ck_policies_version_positive" CHECK (version > 0), CONSTRAINT "ck_policies_name_length" CHECK (length("name") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_policies_tenant_id_name_version" ON "policies" ("tenant_id", "name", "version") NULLS NOT DISTINCT;
-- @statement
CREATE INDEX "idx_policies_tenant_id" ON "policies" ("tenant_id");
-- @statement
ALTER TABLE "policies" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "policies" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_read" ON "policies" FOR SELECT USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_insert" ON "policies" FOR INSERT WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_update" ON "policies" FOR UPDATE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_delete" ON "policies" FOR DELETE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_policies_updated_at" BEFORE UPDATE ON "policies" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "policies" IS 'One version of a named policy (security, retention, access or privacy) and its rules. Mixes platform rows (tenant_id NULL, readable by every tenant) and tenant rows. Unique by (tenant_id, name, version) with NULL counted as one tenant.';
-- @statement
COMMENT ON COLUMN "policies"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "policies"."rules" IS 'The policy''s rules; shape not fixed by the model.';
-- @statement
COMMENT ON COLUMN "policies"."version" IS '1 for the first version of the named policy, then 2, 3, …';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "policies";
-- @statement
DROP TYPE "policy_status";
-- @statement
DROP TYPE "policy_kind";

-- @sqlite up
-- @statement
CREATE TABLE "policies" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text, "name" text NOT NULL, "description" text, "kind" text NOT NULL, "rules" jsonb_text NOT NULL DEFAULT ('{}'), "status" text NOT NULL DEFAULT ('draft'), "version" integer NOT NULL DEFAULT (1), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_policies" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "ck_policies_name_not_blank" CHECK (length(trim(name)) > 0), CONSTRAINT "ck_policies_version_positive" CHECK (version > 0), CONSTRAINT "ck_policies_name_length" CHECK (length("name") <= 100), CONSTRAINT "ck_policies_kind" CHECK ("kind" IN ('security', 'retention', 'access', 'privacy')), CONSTRAINT "ck_policies_status" CHECK ("status" IN ('draft', 'active', 'retired')) );
-- @statement
CREATE UNIQUE INDEX "uq_policies_tenant_id_name_version" ON "policies" (ifnull(tenant_id, ''), "name", "version");
-- @statement
CREATE INDEX "idx_policies_tenant_id" ON "policies" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "policies";
