-- The SQL m20261122_080100_create_workflow_runs runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "workflow_run_status" AS ENUM ('pending', 'in_progress', 'completed', 'failed', 'cancelled');
-- @statement
CREATE TABLE "workflow_runs" ( "id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "workflow_id" uuid NOT NULL, "status" workflow_run_status NOT NULL DEFAULT ('pending'), "current_step" text, "trigger" text, "input" jsonb NOT NULL DEFAULT ('{}'), "steps_completed" jsonb NOT NULL DEFAULT ('[]'), "steps_failed" jsonb NOT NULL DEFAULT ('[]'), "started_at" timestamp with time zone, "completed_at" timestamp with time zone, "error" text, "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_workflow_runs" PRIMARY KEY ("id"), CONSTRAINT "fk_workflow_runs_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_workflow_runs_workflow_id" FOREIGN KEY ("workflow_id") REFERENCES "workflows" ("id") ON DELETE CASCADE, CONSTRAINT "ck_workflow_runs_started_at_matches_status" CHECK ((status <> 'pending' OR started_at IS NULL) AND (status NOT IN ('in_progress', 'completed', 'failed') OR started_at IS NOT NULL)), CONSTRAINT "ck_workflow_runs_completed_at_iff_ended" CHECK ((status IN ('completed', 'failed', 'cancelled')) = (completed_at IS NOT NULL)), CONSTRAINT "ck_workflow_runs_completed_after_started" CHECK (completed_at IS NULL OR completed_at >= started_at), CONSTRAINT "ck_workflow_runs_error_when_failed" CHECK (status <> 'failed' OR error IS NOT NULL), CONSTRAINT "ck_workflow_runs_current_step_length" CHECK (length("current_step") <= 255), CONSTRAINT "ck_workflow_runs_trigger_length" CHECK (length("trigger") <= 100) );
-- @statement
CREATE INDEX "idx_workflow_runs_tenant_id_created_at" ON "workflow_runs" ("tenant_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_workflow_runs_workflow_id_created_at" ON "workflow_runs" ("workflow_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_workflow_runs_tenant_id_running" ON "workflow_runs" ("tenant_id", "status") WHERE status IN ('pending', 'in_progress');
-- @statement
ALTER TABLE "workflow_runs" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "workflow_runs" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_isolation" ON "workflow_runs" USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_workflow_runs_updated_at" BEFORE UPDATE ON "workflow_runs" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "workflow_runs" IS 'One execution of a workflow version for its tenant: pending → in_progress → completed | failed | cancelled. Its steps (workflow_steps) run in execution_order; a step that fails after its last retry fails the run. completed_at is set exactly when the run has ended.';
-- @statement
COMMENT ON COLUMN "workflow_runs"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "workflow_runs"."current_step" IS 'The name of the step running now, or last run.';
-- @statement
COMMENT ON COLUMN "workflow_runs"."trigger" IS 'What started the run, for example manual or an integration event type.';
-- @statement
COMMENT ON COLUMN "workflow_runs"."input" IS 'The run''s input; shape depends on the workflow.';
-- @statement
COMMENT ON COLUMN "workflow_runs"."steps_completed" IS 'Typed: entity::json::WorkflowStepRecords.';
-- @statement
COMMENT ON COLUMN "workflow_runs"."steps_failed" IS 'Typed: entity::json::WorkflowStepRecords.';
-- @statement
COMMENT ON COLUMN "workflow_runs"."error" IS 'Why the run failed.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "workflow_runs";
-- @statement
DROP TYPE "workflow_run_status";

-- @sqlite up
-- @statement
CREATE TABLE "workflow_runs" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "workflow_id" uuid_text NOT NULL, "status" text NOT NULL DEFAULT ('pending'), "current_step" text, "trigger" text, "input" jsonb_text NOT NULL DEFAULT ('{}'), "steps_completed" jsonb_text NOT NULL DEFAULT ('[]'), "steps_failed" jsonb_text NOT NULL DEFAULT ('[]'), "started_at" timestamp_with_timezone_text, "completed_at" timestamp_with_timezone_text, "error" text, "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_workflow_runs" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("workflow_id") REFERENCES "workflows" ("id") ON DELETE CASCADE, CONSTRAINT "ck_workflow_runs_started_at_matches_status" CHECK ((status <> 'pending' OR started_at IS NULL) AND (status NOT IN ('in_progress', 'completed', 'failed') OR started_at IS NOT NULL)), CONSTRAINT "ck_workflow_runs_completed_at_iff_ended" CHECK ((status IN ('completed', 'failed', 'cancelled')) = (completed_at IS NOT NULL)), CONSTRAINT "ck_workflow_runs_completed_after_started" CHECK (completed_at IS NULL OR completed_at >= started_at), CONSTRAINT "ck_workflow_runs_error_when_failed" CHECK (status <> 'failed' OR error IS NOT NULL), CONSTRAINT "ck_workflow_runs_current_step_length" CHECK (length("current_step") <= 255), CONSTRAINT "ck_workflow_runs_trigger_length" CHECK (length("trigger") <= 100), CONSTRAINT "ck_workflow_runs_status" CHECK ("status" IN ('pending', 'in_progress', 'completed', 'failed', 'cancelled')) );
-- @statement
CREATE INDEX "idx_workflow_runs_tenant_id_created_at" ON "workflow_runs" ("tenant_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_workflow_runs_workflow_id_created_at" ON "workflow_runs" ("workflow_id", "created_at" DESC);
-- @statement
CREATE INDEX "idx_workflow_runs_tenant_id_running" ON "workflow_runs" ("tenant_id", "status") WHERE status IN ('pending', 'in_progress');

-- @sqlite down
-- @statement
DROP TABLE "workflow_runs";
