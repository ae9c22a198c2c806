-- The SQL m20261122_120100_create_template_fields runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "template_field_type" AS ENUM ('text', 'number', 'date', 'boolean', 'select');
-- @statement
CREATE TABLE "template_fields" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "report_template_id" uuid NOT NULL, "name" text NOT NULL, "field_type" template_field_type NOT NULL DEFAULT ('text'), "is_required" bool NOT NULL DEFAULT (FALSE), "default_value" text, "position" bigint NOT NULL DEFAULT (0), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_template_fields" PRIMARY KEY ("id"), CONSTRAINT "fk_template_fields_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_template_fields_report_template_id" FOREIGN KEY ("report_template_id") REFERENCES "report_templates" ("id") ON DELETE CASCADE, CONSTRAINT "ck_template_fields_position_non_negative" CHECK (position >= 0), CONSTRAINT "ck_template_fields_name_length" CHECK (length("name") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_template_fields_report_template_id_name" ON "template_fields" ("report_template_id", "name");
-- @statement
CREATE INDEX "idx_template_fields_tenant_id" ON "template_fields" ("tenant_id");
-- @statement
ALTER TABLE "template_fields" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "template_fields" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "template_fields" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_template_fields_updated_at" BEFORE UPDATE ON "template_fields" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "template_fields" IS 'One input field of a report template, shown at position (from 0) when a report is configured. Unique by name within its template.';
-- @statement
COMMENT ON COLUMN "template_fields"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "template_fields"."name" IS 'The parameter name the field fills.';
-- @statement
COMMENT ON COLUMN "template_fields"."default_value" IS 'The value used when none is given, as text.';
-- @statement
COMMENT ON COLUMN "template_fields"."position" IS 'Display order within the template, from 0.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "template_fields";
-- @statement
DROP TYPE "template_field_type";

-- @sqlite up
-- @statement
CREATE TABLE "template_fields" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "report_template_id" uuid_text NOT NULL, "name" text NOT NULL, "field_type" text NOT NULL DEFAULT ('text'), "is_required" boolean NOT NULL DEFAULT (FALSE), "default_value" text, "position" integer NOT NULL DEFAULT (0), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_template_fields" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("report_template_id") REFERENCES "report_templates" ("id") ON DELETE CASCADE, CONSTRAINT "ck_template_fields_position_non_negative" CHECK (position >= 0), CONSTRAINT "ck_template_fields_name_length" CHECK (length("name") <= 100), CONSTRAINT "ck_template_fields_field_type" CHECK ("field_type" IN ('text', 'number', 'date', 'boolean', 'select')) );
-- @statement
CREATE UNIQUE INDEX "uq_template_fields_report_template_id_name" ON "template_fields" ("report_template_id", "name");
-- @statement
CREATE INDEX "idx_template_fields_tenant_id" ON "template_fields" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "template_fields";
