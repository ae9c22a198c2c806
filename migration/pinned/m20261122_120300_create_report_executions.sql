-- The SQL m20261122_120300_create_report_executions runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "report_execution_status" AS ENUM ('running', 'completed', 'failed', 'cancelled');
-- @statement
CREATE TYPE "report_execution_output_format" AS ENUM ('pdf', 'excel', 'csv', 'json', 'html');
-- @statement
CREATE TABLE "report_executions" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "report_id" uuid NOT NULL, "executed_by_user_id" uuid, "status" report_execution_status NOT NULL DEFAULT ('running'), "started_at" timestamp with time zone NOT NULL DEFAULT (now()), "completed_at" timestamp with time zone, "execution_time_ms" bigint, "result_size_bytes" bigint, "output_format" report_execution_output_format, "output_url" text, "error_message" text, "metadata" jsonb NOT NULL DEFAULT ('{}'), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_report_executions" PRIMARY KEY ("id", "started_at"), CONSTRAINT "fk_report_executions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_report_executions_report_id" FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON DELETE CASCADE, CONSTRAINT "fk_report_executions_executed_by_user_id" FOREIGN KEY ("executed_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_report_executions_completed_at_iff_final" CHECK ((status IN ('completed', 'failed', 'cancelled')) = (completed_at IS NOT NULL)), CONSTRAINT "ck_report_executions_completed_after_started" CHECK (completed_at IS NULL OR completed_at >= started_at), CONSTRAINT "ck_report_executions_execution_time_ms_non_negative" CHECK (execution_time_ms >= 0), CONSTRAINT "ck_report_executions_result_size_bytes_non_negative" CHECK (result_size_bytes >= 0), CONSTRAINT "ck_report_executions_error_message_when_failed" CHECK (status <> 'failed' OR error_message IS NOT NULL) ) PARTITION BY RANGE ("started_at");
-- @statement
CREATE INDEX "idx_report_executions_report_id_started_at" ON "report_executions" ("report_id", "started_at" DESC);
-- @statement
CREATE INDEX "idx_report_executions_tenant_id_started_at" ON "report_executions" ("tenant_id", "started_at" DESC);
-- @statement
CREATE INDEX "idx_report_executions_executed_by_user_id" ON "report_executions" ("executed_by_user_id");
-- @statement
ALTER TABLE "report_executions" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "report_executions" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "report_executions" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_report_executions_updated_at" BEFORE UPDATE ON "report_executions" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "report_executions" IS 'One run of a report: who started it, how long it took and where its output is. completed_at is set exactly when the status is final (completed, failed or cancelled). On Postgres partitioned by month of started_at, which is therefore part of the primary key; no foreign key can point at this table (see execution_logs).';
-- @statement
COMMENT ON COLUMN "report_executions"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "report_executions"."executed_by_user_id" IS 'Who started the run; NULL for a scheduled run or once the user is deleted.';
-- @statement
COMMENT ON COLUMN "report_executions"."execution_time_ms" IS 'Run time in milliseconds, once ended.';
-- @statement
COMMENT ON COLUMN "report_executions"."result_size_bytes" IS 'Size of the output, in bytes.';
-- @statement
COMMENT ON COLUMN "report_executions"."output_url" IS 'Where the output can be downloaded.';
-- @statement
COMMENT ON COLUMN "report_executions"."error_message" IS 'Why the run failed.';
-- @statement
COMMENT ON COLUMN "report_executions"."metadata" IS 'Free-form run details, such as row counts and the renderer version.';
-- @statement
CREATE TABLE "report_executions_default" PARTITION OF "report_executions" DEFAULT;

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "report_executions";
-- @statement
DROP TYPE "report_execution_output_format";
-- @statement
DROP TYPE "report_execution_status";

-- @sqlite up
-- @statement
CREATE TABLE "report_executions" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "report_id" uuid_text NOT NULL, "executed_by_user_id" uuid_text, "status" text NOT NULL DEFAULT ('running'), "started_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "completed_at" timestamp_with_timezone_text, "execution_time_ms" integer, "result_size_bytes" integer, "output_format" text, "output_url" text, "error_message" text, "metadata" jsonb_text NOT NULL DEFAULT ('{}'), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_report_executions" PRIMARY KEY ("id", "started_at"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("report_id") REFERENCES "reports" ("id") ON DELETE CASCADE, FOREIGN KEY ("executed_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_report_executions_completed_at_iff_final" CHECK ((status IN ('completed', 'failed', 'cancelled')) = (completed_at IS NOT NULL)), CONSTRAINT "ck_report_executions_completed_after_started" CHECK (completed_at IS NULL OR completed_at >= started_at), CONSTRAINT "ck_report_executions_execution_time_ms_non_negative" CHECK (execution_time_ms >= 0), CONSTRAINT "ck_report_executions_result_size_bytes_non_negative" CHECK (result_size_bytes >= 0), CONSTRAINT "ck_report_executions_error_message_when_failed" CHECK (status <> 'failed' OR error_message IS NOT NULL), CONSTRAINT "ck_report_executions_status" CHECK ("status" IN ('running', 'completed', 'failed', 'cancelled')), CONSTRAINT "ck_report_executions_output_format" CHECK ("output_format" IN ('pdf', 'excel', 'csv', 'json', 'html')) );
-- @statement
CREATE INDEX "idx_report_executions_report_id_started_at" ON "report_executions" ("report_id", "started_at" DESC);
-- @statement
CREATE INDEX "idx_report_executions_tenant_id_started_at" ON "report_executions" ("tenant_id", "started_at" DESC);
-- @statement
CREATE INDEX "idx_report_executions_executed_by_user_id" ON "report_executions" ("executed_by_user_id");

-- @sqlite down
-- @statement
DROP TABLE "report_executions";
