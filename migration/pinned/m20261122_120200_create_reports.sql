-- The SQL m20261122_120200_create_reports runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "report_status" AS ENUM ('draft', 'scheduled', 'processing', 'completed', 'failed', 'cancelled');
-- @statement
CREATE TABLE "reports" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "report_template_id" uuid NOT NULL, "created_by_user_id" uuid NOT NULL, "name" text NOT NULL, "description" text, "parameters" jsonb NOT NULL DEFAULT ('{}'), "configuration" jsonb NOT NULL DEFAULT ('{}'), "status" report_status NOT NULL DEFAULT ('draft'), "priority" bigint NOT NULL DEFAULT (5), "scheduled_at" timestamp with time zone, "last_executed_at" timestamp with time zone, "execution_count" bigint NOT NULL DEFAULT (0), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_reports" PRIMARY KEY ("id"), CONSTRAINT "fk_reports_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_reports_report_template_id" FOREIGN KEY ("report_template_id") REFERENCES "report_templates" ("id") ON DELETE RESTRICT, CONSTRAINT "fk_reports_created_by_user_id" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT, CONSTRAINT "ck_reports_priority_range" CHECK (priority BETWEEN 1 AND 10), CONSTRAINT "ck_reports_execution_count_non_negative" CHECK (execution_count >= 0), CONSTRAINT "ck_reports_scheduled_at_when_scheduled" CHECK (status <> 'scheduled' OR scheduled_at IS NOT NULL), CONSTRAINT "ck_reports_last_executed_at_iff_executed" CHECK ((execution_count = 0) = (last_executed_at IS NULL)), CONSTRAINT "ck_reports_name_length" CHECK (length("name") <= 255) );
-- @statement
CREATE INDEX "idx_reports_tenant_id_status_created_at" ON "reports" ("tenant_id", "status", "created_at" DESC);
-- @statement
CREATE INDEX "idx_reports_parameters" ON "reports" USING gin ("parameters");
-- @statement
CREATE INDEX "idx_reports_scheduled_due" ON "reports" ("scheduled_at") WHERE status = 'scheduled';
-- @statement
CREATE INDEX "idx_reports_report_template_id" ON "reports" ("report_template_id");
-- @statement
CREATE INDEX "idx_reports_created_by_user_id" ON "reports" ("created_by_user_id");
-- @statement
ALTER TABLE "reports" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "reports" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "reports" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_reports_updated_at" BEFORE UPDATE ON "reports" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "reports" IS 'A tenant''s report: a template with parameter values, a priority (1 to 10) and an optional schedule, and how often it has run.';
-- @statement
COMMENT ON COLUMN "reports"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "reports"."report_template_id" IS 'The template the report is built from; a template in use cannot be deleted.';
-- @statement
COMMENT ON COLUMN "reports"."created_by_user_id" IS 'Who created the report; a user with reports cannot be deleted.';
-- @statement
COMMENT ON COLUMN "reports"."parameters" IS 'Values for the template''s fields, by field name; searched by containment.';
-- @statement
COMMENT ON COLUMN "reports"."configuration" IS 'Output options for this report, overriding the template''s.';
-- @statement
COMMENT ON COLUMN "reports"."priority" IS '1 (lowest) to 10 (highest).';
-- @statement
COMMENT ON COLUMN "reports"."scheduled_at" IS 'When the report is next due to run; required while scheduled.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "reports";
-- @statement
DROP TYPE "report_status";

-- @sqlite up
-- @statement
CREATE TABLE "reports" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "report_template_id" uuid_text NOT NULL, "created_by_user_id" uuid_text NOT NULL, "name" text NOT NULL, "description" text, "parameters" jsonb_text NOT NULL DEFAULT ('{}'), "configuration" jsonb_text NOT NULL DEFAULT ('{}'), "status" text NOT NULL DEFAULT ('draft'), "priority" integer NOT NULL DEFAULT (5), "scheduled_at" timestamp_with_timezone_text, "last_executed_at" timestamp_with_timezone_text, "execution_count" integer NOT NULL DEFAULT (0), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_reports" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("report_template_id") REFERENCES "report_templates" ("id") ON DELETE RESTRICT, FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT, CONSTRAINT "ck_reports_priority_range" CHECK (priority BETWEEN 1 AND 10), CONSTRAINT "ck_reports_execution_count_non_negative" CHECK (execution_count >= 0), CONSTRAINT "ck_reports_scheduled_at_when_scheduled" CHECK (status <> 'scheduled' OR scheduled_at IS NOT NULL), CONSTRAINT "ck_reports_last_executed_at_iff_executed" CHECK ((execution_count = 0) = (last_executed_at IS NULL)), CONSTRAINT "ck_reports_name_length" CHECK (length("name") <= 255), CONSTRAINT "ck_reports_status" CHECK ("status" IN ('draft', 'scheduled', 'processing', 'completed', 'failed', 'cancelled')) );
-- @statement
CREATE INDEX "idx_reports_tenant_id_status_created_at" ON "reports" ("tenant_id", "status", "created_at" DESC);
-- @statement
CREATE INDEX "idx_reports_scheduled_due" ON "reports" ("scheduled_at") WHERE status = 'scheduled';
-- @statement
CREATE INDEX "idx_reports_report_template_id" ON "reports" ("report_template_id");
-- @statement
CREATE INDEX "idx_reports_created_by_user_id" ON "reports" ("created_by_user_id");

-- @sqlite down
-- @statement
DROP TABLE "reports";
