-- The SQL m20261122_080000_create_workflows runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "workflow_kind" AS ENUM ('client_onboarding', 'module_activation', 'deployment', 'handover', 'custom');
-- @statement
CREATE TYPE "workflow_status" AS ENUM ('draft', 'active', 'archived');
-- @statement
CREATE TABLE "workflows" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "name" text NOT NULL, "description" text, "kind" workflow_kind NOT NULL, "definition" jsonb NOT NULL, "version" bigint NOT NULL DEFAULT (1), "status" workflow_status NOT NULL DEFAULT ('draft'), "created_by_user_id" uuid, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_workflows" PRIMARY KEY ("id"), CONSTRAINT "fk_workflows_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_workflows_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_workflows_name_not_blank" CHECK (length(trim(name)) > 0), CONSTRAINT "ck_workflows_version_positive" CHECK (version > 0), CONSTRAINT "ck_workflows_name_length" CHECK (length("name") <= 200) );
-- @statement
CREATE UNIQUE INDEX "uq_workflows_tenant_id_name_version" ON "workflows" ("tenant_id", "name", "version");
-- @statement
CREATE INDEX "idx_workflows_created_by_user_id" ON "workflows" ("created_by_user_id");
-- @statement
ALTER TABLE "workflows" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "workflows" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "workflows" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_workflows_updated_at" BEFORE UPDATE ON "workflows" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "workflows" IS 'One version of a tenant''s named workflow: the ordered steps that a run of it executes. Unique by (tenant_id, name, version); a changed definition is a new version.';
-- @statement
COMMENT ON COLUMN "workflows"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "workflows"."definition" IS 'Typed: entity::json::WorkflowDefinition.';
-- @statement
COMMENT ON COLUMN "workflows"."version" IS '1 for the first version of the named workflow, then 2, 3, …';
-- @statement
COMMENT ON COLUMN "workflows"."created_by_user_id" IS 'Who wrote this version; NULL once that user is deleted.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "workflows";
-- @statement
DROP TYPE "workflow_status";
-- @statement
DROP TYPE "workflow_kind";

-- @sqlite up
-- @statement
CREATE TABLE "workflows" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "name" text NOT NULL, "description" text, "kind" text NOT NULL, "definition" jsonb_text NOT NULL, "version" integer NOT NULL DEFAULT (1), "status" text NOT NULL DEFAULT ('draft'), "created_by_user_id" uuid_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_workflows" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_workflows_name_not_blank" CHECK (length(trim(name)) > 0), CONSTRAINT "ck_workflows_version_positive" CHECK (version > 0), CONSTRAINT "ck_workflows_name_length" CHECK (length("name") <= 200), CONSTRAINT "ck_workflows_kind" CHECK ("kind" IN ('client_onboarding', 'module_activation', 'deployment', 'handover', 'custom')), CONSTRAINT "ck_workflows_status" CHECK ("status" IN ('draft', 'active', 'archived')) );
-- @statement
CREATE UNIQUE INDEX "uq_workflows_tenant_id_name_version" ON "workflows" ("tenant_id", "name", "version");
-- @statement
CREATE INDEX "idx_workflows_created_by_user_id" ON "workflows" ("created_by_user_id");

-- @sqlite down
-- @statement
DROP TABLE "workflows";
