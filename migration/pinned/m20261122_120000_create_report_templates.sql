-- The SQL m20261122_120000_create_report_templates runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "report_template_type" AS ENUM ('tabular', 'chart', 'dashboard', 'custom');
-- @statement
CREATE TABLE "report_templates" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "created_by_user_id" uuid NOT NULL, "name" text NOT NULL, "description" text, "template_type" report_template_type NOT NULL, "structure" jsonb NOT NULL DEFAULT ('{}'), "parameters" jsonb NOT NULL DEFAULT ('{}'), "configuration" jsonb NOT NULL DEFAULT ('{}'), "version" bigint NOT NULL DEFAULT (1), "is_active" bool NOT NULL DEFAULT (TRUE), "is_public" bool NOT NULL DEFAULT (FALSE), "parent_template_id" uuid, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_report_templates" PRIMARY KEY ("id"), CONSTRAINT "fk_report_templates_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_report_templates_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT, CONSTRAINT "fk_report_templates_parent_template_id" FOREIGN KEY ("parent_template_id") REFERENCES "report_templates" ("id") ON DELETE SET NULL, CONSTRAINT "ck_report_templates_version_positive" CHECK (version > 0), CONSTRAINT "ck_report_templates_not_own_parent" CHECK (parent_template_id IS NULL OR parent_template_id <> id), CONSTRAINT "ck_report_templates_name_length" CHECK (length("name") <= 255) );
-- @statement
CREATE UNIQUE INDEX "uq_report_templates_tenant_id_name_version" ON "report_templates" ("tenant_id", "name", "version");
-- @statement
CREATE INDEX "idx_report_templates_created_by_user_id" ON "report_templates" ("created_by_user_id");
-- @statement
CREATE INDEX "idx_report_templates_parent_template_id" ON "report_templates" ("parent_template_id");
-- @statement
ALTER TABLE "report_templates" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "report_templates" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "report_templates" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_report_templates_updated_at" BEFORE UPDATE ON "report_templates" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "report_templates" IS 'One version of a tenant''s report template: the structure and parameters reports are built from. A new version is a new row pointing at the one it was derived from; unique by (tenant_id, name, version).';
-- @statement
COMMENT ON COLUMN "report_templates"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "report_templates"."created_by_user_id" IS 'Who created the template; a user with templates cannot be deleted.';
-- @statement
COMMENT ON COLUMN "report_templates"."structure" IS 'The layout: sections, columns and charts, as the report renderer reads it.';
-- @statement
COMMENT ON COLUMN "report_templates"."parameters" IS 'The parameters a report of this template accepts, with their defaults.';
-- @statement
COMMENT ON COLUMN "report_templates"."configuration" IS 'Rendering options, such as page size and default output format.';
-- @statement
COMMENT ON COLUMN "report_templates"."version" IS 'Version of this name within the tenant, from 1.';
-- @statement
COMMENT ON COLUMN "report_templates"."is_active" IS 'Whether new reports may use it.';
-- @statement
COMMENT ON COLUMN "report_templates"."is_public" IS 'Whether every member of the tenant may use it, not only its creator.';
-- @statement
COMMENT ON COLUMN "report_templates"."parent_template_id" IS 'The template version this one was derived from.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "report_templates";
-- @statement
DROP TYPE "report_template_type";

-- @sqlite up
-- @statement
CREATE TABLE "report_templates" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "created_by_user_id" uuid_text NOT NULL, "name" text NOT NULL, "description" text, "template_type" text NOT NULL, "structure" jsonb_text NOT NULL DEFAULT ('{}'), "parameters" jsonb_text NOT NULL DEFAULT ('{}'), "configuration" jsonb_text NOT NULL DEFAULT ('{}'), "version" integer NOT NULL DEFAULT (1), "is_active" boolean NOT NULL DEFAULT (TRUE), "is_public" boolean NOT NULL DEFAULT (FALSE), "parent_template_id" uuid_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_report_templates" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT, FOREIGN KEY ("parent_template_id") REFERENCES "report_templates" ("id") ON DELETE SET NULL, CONSTRAINT "ck_report_templates_version_positive" CHECK (version > 0), CONSTRAINT "ck_report_templates_not_own_parent" CHECK (parent_template_id IS NULL OR parent_template_id <> id), CONSTRAINT "ck_report_templates_name_length" CHECK (length("name") <= 255), CONSTRAINT "ck_report_templates_template_type" CHECK ("template_type" IN ('tabular', 'chart', 'dashboard', 'custom')) );
-- @statement
CREATE UNIQUE INDEX "uq_report_templates_tenant_id_name_version" ON "report_templates" ("tenant_id", "name", "version");
-- @statement
CREATE INDEX "idx_report_templates_created_by_user_id" ON "report_templates" ("created_by_user_id");
-- @statement
CREATE INDEX "idx_report_templates_parent_template_id" ON "report_templates" ("parent_template_id");

-- @sqlite down
-- @statement
DROP TABLE "report_templates";
