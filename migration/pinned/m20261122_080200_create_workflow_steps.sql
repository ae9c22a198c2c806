-- The SQL m20261122_080200_create_workflow_steps runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "workflow_step_status" AS ENUM ('pending', 'running', 'completed', 'failed', 'skipped');
-- @statement
CREATE TABLE "workflow_steps" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "workflow_run_id" uuid NOT NULL, "step_name" text NOT NULL, "step_type" text NOT NULL, "execution_order" bigint NOT NULL, "status" workflow_step_status NOT NULL DEFAULT ('pending'), "input" jsonb NOT NULL DEFAULT ('{}'), "output" jsonb, "error" jsonb, "execution_time_ms" bigint, "retry_count" bigint NOT NULL DEFAULT (0), "max_retries" bigint NOT NULL DEFAULT (3), "started_at" timestamp with time zone, "completed_at" timestamp with time zone, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_workflow_steps" PRIMARY KEY ("id"), CONSTRAINT "fk_workflow_steps_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_workflow_steps_workflow_run_id" FOREIGN KEY ("workflow_run_id") REFERENCES "workflow_runs" ("id") ON DELETE CASCADE, CONSTRAINT "ck_workflow_steps_execution_order_non_negative" CHECK (execution_order >= 0), CONSTRAINT "ck_workflow_steps_execution_time_non_negative" CHECK (execution_time_ms >= 0), CONSTRAINT "ck_workflow_steps_retry_count_within_max" CHECK (0 <= retry_count AND retry_count <= max_retries), CONSTRAINT "ck_workflow_steps_failed_after_max_retries" CHECK (status <> 'failed' OR retry_count = max_retries), CONSTRAINT "ck_workflow_steps_error_when_failed" CHECK (status <> 'failed' OR error IS NOT NULL), CONSTRAINT "ck_workflow_steps_started_when_run" CHECK (status NOT IN ('running', 'completed', 'failed') OR started_at IS NOT NULL), CONSTRAINT "ck_workflow_steps_completed_at_iff_finished" CHECK ((status IN ('completed', 'failed', 'skipped')) = (completed_at IS NOT NULL)), CONSTRAINT "ck_workflow_steps_completed_after_started" CHECK (completed_at IS NULL OR completed_at >= started_at), CONSTRAINT "ck_workflow_steps_step_name_length" CHECK (length("step_name") <= 255), CONSTRAINT "ck_workflow_steps_step_type_length" CHECK (length("step_type") <= 100) );
-- @statement
CREATE UNIQUE INDEX "uq_workflow_steps_workflow_run_id_execution_order" ON "workflow_steps" ("workflow_run_id", "execution_order");
-- @statement
CREATE INDEX "idx_workflow_steps_tenant_id" ON "workflow_steps" ("tenant_id");
-- @statement
ALTER TABLE "workflow_steps" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "workflow_steps" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "workflow_steps" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_workflow_steps_updated_at" BEFORE UPDATE ON "workflow_steps" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "workflow_steps" IS 'One step of a workflow run, at its place in execution_order. A failing step is retried up to max_retries times; it is failed only once its retries are used up. Belongs to the run''s tenant (kept equal by the domain layer).';
-- @statement
COMMENT ON COLUMN "workflow_steps"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "workflow_steps"."step_name" IS 'The step''s name in the workflow definition.';
-- @statement
COMMENT ON COLUMN "workflow_steps"."step_type" IS 'The step''s type in the workflow definition.';
-- @statement
COMMENT ON COLUMN "workflow_steps"."execution_order" IS 'The step''s place in the run, from 0 or 1.';
-- @statement
COMMENT ON COLUMN "workflow_steps"."input" IS 'The step''s input; shape depends on step_type.';
-- @statement
COMMENT ON COLUMN "workflow_steps"."output" IS 'The step''s output once completed; shape depends on step_type.';
-- @statement
COMMENT ON COLUMN "workflow_steps"."error" IS 'The error of the last failed attempt.';
-- @statement
COMMENT ON COLUMN "workflow_steps"."execution_time_ms" IS 'How long the step ran, in milliseconds, once finished.';
-- @statement
COMMENT ON COLUMN "workflow_steps"."retry_count" IS 'Retries used so far (attempts minus one).';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "workflow_steps";
-- @statement
DROP TYPE "workflow_step_status";

-- @sqlite up
-- @statement
CREATE TABLE "workflow_steps" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "workflow_run_id" uuid_text NOT NULL, "step_name" text NOT NULL, "step_type" text NOT NULL, "execution_order" integer NOT NULL, "status" text NOT NULL DEFAULT ('pending'), "input" jsonb_text NOT NULL DEFAULT ('{}'), "output" jsonb_text, "error" jsonb_text, "execution_time_ms" integer, "retry_count" integer NOT NULL DEFAULT (0), "max_retries" integer NOT NULL DEFAULT (3), "started_at" timestamp_with_timezone_text, "completed_at" timestamp_with_timezone_text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_workflow_steps" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("workflow_run_id") REFERENCES "workflow_runs" ("id") ON DELETE CASCADE, CONSTRAINT "ck_workflow_steps_execution_order_non_negative" CHECK (execution_order >= 0), CONSTRAINT "ck_workflow_steps_execution_time_non_negative" CHECK (execution_time_ms >= 0), CONSTRAINT "ck_workflow_steps_retry_count_within_max" CHECK (0 <= retry_count AND retry_count <= max_retries), CONSTRAINT "ck_workflow_steps_failed_after_max_retries" CHECK (status <> 'failed' OR retry_count = max_retries), CONSTRAINT "ck_workflow_steps_error_when_failed" CHECK (status <> 'failed' OR error IS NOT NULL), CONSTRAINT "ck_workflow_steps_started_when_run" CHECK (status NOT IN ('running', 'completed', 'failed') OR started_at IS NOT NULL), CONSTRAINT "ck_workflow_steps_completed_at_iff_finished" CHECK ((status IN ('completed', 'failed', 'skipped')) = (completed_at IS NOT NULL)), CONSTRAINT "ck_workflow_steps_completed_after_started" CHECK (completed_at IS NULL OR completed_at >= started_at), CONSTRAINT "ck_workflow_steps_step_name_length" CHECK (length("step_name") <= 255), CONSTRAINT "ck_workflow_steps_step_type_length" CHECK (length("step_type") <= 100), CONSTRAINT "ck_workflow_steps_status" CHECK ("status" IN ('pending', 'running', 'completed', 'failed', 'skipped')) );
-- @statement
CREATE UNIQUE INDEX "uq_workflow_steps_workflow_run_id_execution_order" ON "workflow_steps" ("workflow_run_id", "execution_order");
-- @statement
CREATE INDEX "idx_workflow_steps_tenant_id" ON "workflow_steps" ("tenant_id");

-- @sqlite down
-- @statement
DROP TABLE "workflow_steps";
