-- The SQL m20261122_110300_create_recovery_plans runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;
-- never edit it: a merged migration is never changed (docs/migrations.md).
-- transaction: yes

-- @postgres up
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
CREATE TYPE "recovery_plan_type" AS ENUM ('full_recovery', 'partial_recovery', 'tenant_recovery');
-- @statement
CREATE TYPE "recovery_plan_scope" AS ENUM ('all_systems', 'specific_services', 'tenant_data');
-- @statement
CREATE TYPE "recovery_plan_status" AS ENUM ('draft', 'pending_approval', 'approved', 'archived');
-- @statement
CREATE TYPE "recovery_plan_test_result" AS ENUM ('passed', 'partial', 'failed');
-- @statement
CREATE TABLE "recovery_plans" ( "id" uuid NOT NULL, "tenant_id" uuid, "name" text NOT NULL, "description" text, "plan_type" recovery_plan_type NOT NULL, "scope" recovery_plan_scope NOT NULL, "rto_minutes" bigint NOT NULL, "rpo_minutes" bigint NOT NULL, "steps" jsonb NOT NULL DEFAULT ('[]'), "status" recovery_plan_status NOT NULL DEFAULT ('draft'), "approved_by_user_id" uuid, "approved_at" timestamp with time zone, "last_tested_at" timestamp with time zone, "test_result" recovery_plan_test_result, "next_test_at" timestamp with time zone, "escalation_contacts" jsonb NOT NULL DEFAULT ('[]'), "created_at" timestamp with time zone NOT NULL DEFAULT (now()), "updated_at" timestamp with time zone NOT NULL DEFAULT (now()), CONSTRAINT "pk_recovery_plans" PRIMARY KEY ("id"), CONSTRAINT "fk_recovery_plans_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, CONSTRAINT "fk_recovery_plans_approved_by_user_id" FOREIGN KEY ("approved_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_recovery_plans_rto_rpo_positive" CHECK (rto_minutes > 0 AND rpo_minutes > 0), CONSTRAINT "ck_recovery_plans_approved_at_iff_approved" CHECK ((status = 'approved') = (approved_at IS NOT NULL)), CONSTRAINT "ck_recovery_plans_test_result_iff_tested" CHECK ((last_tested_at IS NULL) = (test_result IS NULL)), CONSTRAINT "ck_recovery_plans_name_length" CHECK (length("name") <= 200) );
-- @statement
CREATE INDEX "idx_recovery_plans_tenant_id" ON "recovery_plans" ("tenant_id");
-- @statement
CREATE INDEX "idx_recovery_plans_approved_by_user_id" ON "recovery_plans" ("approved_by_user_id");
-- @statement
ALTER TABLE "recovery_plans" ENABLE ROW LEVEL SECURITY;
-- @statement
ALTER TABLE "recovery_plans" FORCE ROW LEVEL SECURITY;
-- @statement
CREATE POLICY "tenant_read" ON "recovery_plans" FOR SELECT USING ("tenant_id" IS NULL OR "tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_insert" ON "recovery_plans" FOR INSERT WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_update" ON "recovery_plans" FOR UPDATE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE POLICY "tenant_delete" ON "recovery_plans" FOR DELETE USING ("tenant_id" = NULLIF(current_setting('app.current_tenant_id', true), '')::uuid);
-- @statement
CREATE TRIGGER "trg_recovery_plans_updated_at" BEFORE UPDATE ON "recovery_plans" FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- @statement
COMMENT ON TABLE "recovery_plans" IS 'A disaster recovery plan: its recovery time and point objectives, its ordered steps (automated or manual), whom to escalate to, its approval and its last test. Mixes platform plans (tenant_id NULL) and a tenant''s own plans. approved_at is set exactly while the plan is approved.';
-- @statement
COMMENT ON COLUMN "recovery_plans"."id" IS 'UUIDv7 assigned by the application (time-ordered).';
-- @statement
COMMENT ON COLUMN "recovery_plans"."tenant_id" IS 'The tenant the plan is for; NULL for a platform plan.';
-- @statement
COMMENT ON COLUMN "recovery_plans"."rto_minutes" IS 'Recovery time objective: the longest acceptable outage, in minutes.';
-- @statement
COMMENT ON COLUMN "recovery_plans"."rpo_minutes" IS 'Recovery point objective: the most data loss acceptable, in minutes.';
-- @statement
COMMENT ON COLUMN "recovery_plans"."steps" IS 'Typed: entity::json::RecoverySteps.';
-- @statement
COMMENT ON COLUMN "recovery_plans"."approved_by_user_id" IS 'Who approved the plan.';
-- @statement
COMMENT ON COLUMN "recovery_plans"."test_result" IS 'Outcome of the last test; set exactly when last_tested_at is.';
-- @statement
COMMENT ON COLUMN "recovery_plans"."next_test_at" IS 'When the plan is next due to be tested.';
-- @statement
COMMENT ON COLUMN "recovery_plans"."escalation_contacts" IS 'Typed: entity::json::EscalationContacts.';

-- @postgres down
-- @statement
SET LOCAL lock_timeout = '5s';
-- @statement
SET LOCAL statement_timeout = '10min';
-- @statement
DROP TABLE "recovery_plans";
-- @statement
DROP TYPE "recovery_plan_test_result";
-- @statement
DROP TYPE "recovery_plan_status";
-- @statement
DROP TYPE "recovery_plan_scope";
-- @statement
DROP TYPE "recovery_plan_type";

-- @sqlite up
-- @statement
CREATE TABLE "recovery_plans" ( "id" uuid_text NOT NULL, "tenant_id" uuid_text, "name" text NOT NULL, "description" text, "plan_type" text NOT NULL, "scope" text NOT NULL, "rto_minutes" integer NOT NULL, "rpo_minutes" integer NOT NULL, "steps" jsonb_text NOT NULL DEFAULT ('[]'), "status" text NOT NULL DEFAULT ('draft'), "approved_by_user_id" uuid_text, "approved_at" timestamp_with_timezone_text, "last_tested_at" timestamp_with_timezone_text, "test_result" text, "next_test_at" timestamp_with_timezone_text, "escalation_contacts" jsonb_text NOT NULL DEFAULT ('[]'), "created_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), "updated_at" timestamp_with_timezone_text NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))), CONSTRAINT "pk_recovery_plans" PRIMARY KEY ("id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("approved_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL, CONSTRAINT "ck_recovery_plans_rto_rpo_positive" CHECK (rto_minutes > 0 AND rpo_minutes > 0), CONSTRAINT "ck_recovery_plans_approved_at_iff_approved" CHECK ((status = 'approved') = (approved_at IS NOT NULL)), CONSTRAINT "ck_recovery_plans_test_result_iff_tested" CHECK ((last_tested_at IS NULL) = (test_result IS NULL)), CONSTRAINT "ck_recovery_plans_name_length" CHECK (length("name") <= 200), CONSTRAINT "ck_recovery_plans_plan_type" CHECK ("plan_type" IN ('full_recovery', 'partial_recovery', 'tenant_recovery')), CONSTRAINT "ck_recovery_plans_scope" CHECK ("scope" IN ('all_systems', 'specific_services', 'tenant_data')), CONSTRAINT "ck_recovery_plans_status" CHECK ("status" IN ('draft', 'pending_approval', 'approved', 'archived')), CONSTRAINT "ck_recovery_plans_test_result" CHECK ("test_result" IN ('passed', 'partial', 'failed')) );
-- @statement
CREATE INDEX "idx_recovery_plans_tenant_id" ON "recovery_plans" ("tenant_id");
-- @statement
CREATE INDEX "idx_recovery_plans_approved_by_user_id" ON "recovery_plans" ("approved_by_user_id");

-- @sqlite down
-- @statement
DROP TABLE "recovery_plans";
